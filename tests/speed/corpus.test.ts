/**
 * The benchmark corpus must be what the benchmark claims: deterministic, ~3.3 KB realistic
 * skills whose links and cross-references resolve, valid for vibe-skills, and entirely within
 * the fast frontmatter path (otherwise the benchmark would not measure the path users hit).
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCorpus, skillNames } from '../../bench/corpus.mjs';
import { fastParseFrontmatter } from '../../src/skill/fast-yaml.js';
import { parseFrontmatterYaml, splitFrontmatter } from '../../src/skill/frontmatter.js';
import { runCli } from '../helpers/cli.js';

const COUNT = 60;
let tmp: string;
let root: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vibe-corpus-'));
  root = await ensureCorpus(path.join(tmp, 'a'), COUNT);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function allFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await allFiles(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

describe('bench corpus', () => {
  it('is byte-for-byte deterministic', async () => {
    const again = await ensureCorpus(path.join(tmp, 'b'), COUNT);
    const files = await allFiles(root);
    expect(await allFiles(again)).toEqual(files);
    for (const f of files) expect(await readFile(path.join(again, f), 'utf8'), f).toBe(await readFile(path.join(root, f), 'utf8'));
  });

  it('has realistic ~3.3 KB skills whose links and cross-references resolve', async () => {
    const names = new Set(skillNames(COUNT));
    expect(names.size).toBe(COUNT);
    let bytes = 0;
    for (const name of names) {
      const dir = path.join(root, 'skills', name);
      const text = await readFile(path.join(dir, 'SKILL.md'), 'utf8');
      bytes += Buffer.byteLength(text);
      for (const m of text.matchAll(/\]\((references\/[^)]+)\)/g)) {
        expect((await stat(path.join(dir, m[1]!))).isFile(), `${name} -> ${m[1]}`).toBe(true);
      }
      const composes = text.slice(text.indexOf('## Composes With'));
      const refs = [...composes.matchAll(/^- `([a-z0-9-]+)`/gm)].map((m) => m[1]!);
      expect(refs.length).toBe(2);
      for (const r of refs) expect(names.has(r), `${name} composes with unknown ${r}`).toBe(true);
    }
    const avg = bytes / COUNT;
    expect(avg).toBeGreaterThan(3000);
    expect(avg).toBeLessThan(3700);
  });

  it('stays entirely within the fast frontmatter path, agreeing with the yaml path', async () => {
    const styles = new Set<string>();
    for (const name of skillNames(COUNT)) {
      const split = splitFrontmatter(await readFile(path.join(root, 'skills', name, 'SKILL.md'), 'utf8'));
      const fast = fastParseFrontmatter(split.text ?? '', split.startLine + 1);
      expect(fast, name).toBeDefined();
      expect(fast!.fields).toStrictEqual(parseFrontmatterYaml(split.text ?? '', split.startLine + 1).fields);
      for (const f of fast!.fields) styles.add(`${f.key}:${f.style}`);
    }
    // The corpus varies its frontmatter the way real packs do.
    for (const s of ['description:plain', 'description:block-folded', 'description:double', 'allowed-tools:seq', 'allowed-tools:plain', 'metadata:map']) {
      expect(styles.has(s), s).toBe(true);
    }
  });

  it('is valid for vibe-skills: every skill found, no errors', () => {
    const r = runCli(['validate', root, '--format', 'json', '--no-config'], { cwd: tmp });
    const report = JSON.parse(r.stdout) as { summary: { skills: number; errors: number }; diagnostics: unknown[] };
    expect(report.summary.skills).toBe(COUNT);
    expect(report.summary.errors, JSON.stringify(report.diagnostics.slice(0, 5), null, 2)).toBe(0);
  });
});
