/** `validate --cache` through the real pipeline: warm runs reuse results and are never stale. */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validate.js';
import { makeTree, removeTree } from '../helpers/tmp.js';

const roots: string[] = [];
afterEach(async () => {
  while (roots.length) await removeTree(roots.pop()!);
});

const skill = (name: string, extra = '') =>
  `---\nname: ${name}\ndescription: Drafts release notes from merged pull requests. Use when the user asks for release notes.\n---\n\n# ${name}\n\nSee [guide](references/guide.md).\n${extra}`;

describe('validate with a cache', () => {
  it('reuses unchanged skills and re-lints changed ones, with the same results as a cold run', async () => {
    const root = await makeTree({
      'skills/a/SKILL.md': skill('a'),
      'skills/a/references/guide.md': 'guide',
      'skills/b/SKILL.md': skill('b'),
      'skills/b/references/guide.md': 'guide',
    });
    roots.push(root);
    const cache = path.join(root, '.cache-file');
    const run = (rules?: Record<string, 'off'>) => validate({ cwd: root, config: false, cache, ...(rules ? { rules } : {}) });
    const cold = await run();
    expect(cold.cache).toMatchObject({ hits: 0, misses: 2 });
    const warm = await run();
    expect(warm.cache).toMatchObject({ hits: 2, misses: 0 });
    expect(warm.diagnostics).toEqual(cold.diagnostics);

    // Same size, same second: a content change is still seen.
    await writeFile(path.join(root, 'skills/a/SKILL.md'), skill('a').replace('name: a', 'name: x'));
    const changed = await run();
    expect(changed.cache).toMatchObject({ hits: 1, misses: 1 });
    expect(changed.diagnostics.map((d) => d.ruleId)).toContain('name-matches-folder');

    // A file the SKILL.md links to disappears: the listing is part of the fingerprint.
    await rename(path.join(root, 'skills/b/references/guide.md'), path.join(root, 'skills/b/references/other.md'));
    const relisted = await run();
    expect(relisted.diagnostics.filter((d) => d.file === 'skills/b/SKILL.md').map((d) => d.ruleId)).toContain('links-exist');

    // Another configuration never reuses results computed under the old one.
    const reconfigured = await run({ 'links-exist': 'off' });
    expect(reconfigured.cache?.hits).toBe(0);
    expect(reconfigured.diagnostics.map((d) => d.ruleId)).not.toContain('links-exist');
    const uncached = await validate({ cwd: root, config: false, rules: { 'links-exist': 'off' } });
    expect(reconfigured.diagnostics).toEqual(uncached.diagnostics);
  });
});
