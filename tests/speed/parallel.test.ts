/**
 * Linting on several threads gives exactly the one-thread result, and a worker that fails
 * loses no skill. Real worker threads of the built package (dist/), real files.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintInParallel } from '../../src/lint/parallel.js';
import { allRules } from '../../src/lint/rules/index.js';
import { compareDiagnostics } from '../../src/types.js';
import { discoverSkills } from '../../src/skill/discover.js';
import { validate as validateFromSource } from '../../src/validate.js';
import { skillMd } from '../helpers/skill-tree.js';
import { useTempTrees, type Tree } from '../helpers/tmp.js';

const tree = useTempTrees();
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** `count` skills with the usual findings: bad names, duplicates, dangling links and references. */
function files(count = 120): Tree {
  const out: Tree = {};
  for (let i = 0; i < count; i++) {
    const name = `skill-${String(i).padStart(3, '0')}`;
    const body = `# ${name}\n\nSee [guide](references/guide.md) and [missing](references/missing.md).\n\n## Composes With\n\n- \`skill-${String((i + 1) % 130).padStart(3, '0')}\` — the next one\n`;
    out[`skills/${name}/SKILL.md`] = skillMd(i % 17 === 0 ? 'Bad_Name' : name, { body, description: i % 10 === 0 ? 'Same description for several skills. Use when testing.' : undefined });
    out[`skills/${name}/references/guide.md`] = 'guide';
  }
  return out;
}

describe('validate on several threads', () => {
  // Workers are capped at one per core: on a single core there is nothing to compare.
  it.skipIf(availableParallelism() < 2)('gives byte-identical results to one thread, with real workers doing part of the work', async () => {
    // Enough skills that the workers, which start ~50 ms late, still find work left.
    const root = await tree(files(2500));
    // The built package: its worker file sits next to it (dist/lint/parallel-worker.js).
    const { validate } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href)) as { validate: typeof validateFromSource };
    const one = await validate({ cwd: root, config: false, threads: 1 });
    expect(one.parallel).toBeUndefined();
    expect(one.diagnostics.length).toBeGreaterThan(2500);
    const two = await validate({ cwd: root, config: false, threads: 2 });
    expect(two.parallel).toMatchObject({ workers: 1, errors: [] });
    expect(two.parallel!.skills).toBeGreaterThan(0);
    expect(JSON.stringify(two.diagnostics)).toBe(JSON.stringify(one.diagnostics));
    expect(JSON.stringify(two.skills)).toBe(JSON.stringify(one.skills));
    // The default is one thread.
    expect((await validate({ cwd: root, config: false })).parallel).toBeUndefined();
  });

  it('lints on the main thread whatever a worker could not do', async () => {
    const root = await tree(files());
    // From source (vitest), the worker file next to src/lint/parallel.ts does not exist as .js:
    // every worker fails to start, exactly like a worker that crashes.
    const discovered = await discoverSkills(root, { cwd: root });
    const job = { cwd: root, root, files: discovered.skillFiles, severities: [] as Array<[string, 'error']>, externalSkills: [] };
    const done = await lintInParallel(job, 2, discovered.entries);
    expect(done.errors).toHaveLength(2);
    expect(done.byWorkers).toBe(0);
    expect(done.outcomes.map((o) => o.summary.folderName)).toEqual(discovered.skillFiles.map((f) => path.basename(path.dirname(f))));
    const single = await validateFromSource({ cwd: root, config: false, threads: 1 });
    const perSkill = new Set(allRules.filter((r) => r.scope === 'skill').map((r) => r.id));
    expect(done.outcomes.flatMap((o) => o.diagnostics).sort(compareDiagnostics)).toEqual(single.diagnostics.filter((d) => perSkill.has(d.ruleId)));
  });
});
