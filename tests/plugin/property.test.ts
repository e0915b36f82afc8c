/** Random and mutated manifests never make a manifest rule throw, and findings always have a file. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rule as driftRule } from '../../src/lint/rules/manifest-drift.js';
import { rule as jsonRule } from '../../src/lint/rules/manifest-json.js';
import { rule as pathsRule } from '../../src/lint/rules/manifest-paths.js';
import { rule as schemaRule } from '../../src/lint/rules/manifest-schema.js';
import { rule as unknownRule } from '../../src/lint/rules/manifest-unknown-field.js';
import type { Finding } from '../../src/lint/types.js';
import { parseJsonWithPositions } from '../../src/plugin/json.js';
import type { ManifestFile, ManifestKind, PathStatus } from '../../src/plugin/model.js';
import { manifestPathRefs } from '../../src/plugin/paths.js';
import { deriveManifests } from '../../src/plugin/sync.js';
import { ownPluginSchema } from '../../src/plugin/schemas.js';

const RULES = [jsonRule, schemaRule, unknownRule, pathsRule, driftRule];
const FILES: Record<ManifestKind, string> = { plugin: 'plugin.json', 'claude-plugin': '.claude-plugin/plugin.json', marketplace: '.claude-plugin/marketplace.json' };
const STATUSES: PathStatus[] = ['file', 'dir', 'missing', 'outside', 'symlink-outside'];

/** A manifest as the loader would hand it over, with path statuses drawn at random. */
function manifest(kind: ManifestKind, text: string, pick: number): ManifestFile {
  const parsed = parseJsonWithPositions(text);
  const m: ManifestFile = { kind, path: `/repo/${FILES[kind]}`, file: FILES[kind], text, paths: {} };
  if (!parsed.ok) return { ...m, parseError: { message: parsed.error.message, line: parsed.error.line, column: parsed.error.column } };
  let i = pick;
  for (const ref of manifestPathRefs(kind, parsed.data)) m.paths[ref.key] = STATUSES[i++ % STATUSES.length] as PathStatus;
  return { ...m, data: parsed.data };
}

function runAll(manifests: ManifestFile[]): Finding[] {
  const found: Finding[] = [];
  for (const rule of RULES) {
    rule.check({ root: '/repo', manifests, discovery: [], skills: [], settings: { externalSkills: new Set() }, report: (f) => found.push(f) });
  }
  return found;
}

const seed = {
  name: 'pack',
  version: '1.0.0',
  description: 'A pack.',
  author: { name: 'Ada' },
  skills: ['./skills/a', './skills/b'],
};
const derived = deriveManifests(ownPluginSchema().parse(seed));
const SEEDS: [ManifestKind, string][] = [
  ['plugin', JSON.stringify(seed, null, 2)],
  ['claude-plugin', derived[0]?.content ?? ''],
  ['marketplace', derived[1]?.content ?? ''],
];

const mutate = (text: string) =>
  fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 6 })).map(([at, del, insert]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + insert + text.slice(i + del);
  });

function check(findings: Finding[]): void {
  for (const f of findings) {
    expect(typeof (f as Finding & { file?: unknown }).file).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    if (f.pos) expect(f.pos.line).toBeGreaterThanOrEqual(1);
  }
}

describe('manifest rules on hostile input', () => {
  it('never throw on arbitrary JSON in any manifest slot', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.jsonValue({ maxDepth: 5 }), fc.jsonValue({ maxDepth: 5 }), fc.nat(), (a, b, c, pick) => {
        check(runAll([manifest('plugin', JSON.stringify(a), pick), manifest('claude-plugin', JSON.stringify(b), pick + 1), manifest('marketplace', JSON.stringify(c), pick + 2)]));
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on mutated real manifests, including near-miss shapes', () => {
    fc.assert(
      fc.property(mutate(SEEDS[0]?.[1] ?? ''), mutate(SEEDS[1]?.[1] ?? ''), mutate(SEEDS[2]?.[1] ?? ''), fc.nat(), (a, b, c, pick) => {
        check(runAll([manifest('plugin', a, pick), manifest('claude-plugin', b, pick), manifest('marketplace', c, pick)]));
      }),
      { numRuns: 500 },
    );
  });

  it('never throw on structurally plausible manifests with random field values', () => {
    const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }));
    const fields = fc.dictionary(
      fc.constantFrom('name', 'version', 'description', 'author', 'skills', 'source', 'plugins', 'owner', 'metadata', 'hooks', 'agents', '__proto__', 'constructor'),
      anyValue,
    );
    fc.assert(
      fc.property(fields, fc.array(fields, { maxLength: 3 }), fc.nat(), (top, plugins, pick) => {
        const text = JSON.stringify({ ...top, plugins });
        check(runAll([manifest('plugin', text, pick), manifest('claude-plugin', text, pick), manifest('marketplace', text, pick)]));
      }),
      { numRuns: 250 },
    );
  });
});
