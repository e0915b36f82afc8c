/**
 * Test helper: build real skill trees in temp folders and lint them through the real
 * pipeline (discovery, reader, rules). No mocks.
 */
import { validate, type ValidateOptions, type ValidateResult } from '../../src/validate.js';
import type { Diagnostic } from '../../src/types.js';

import { makeTree, removeTree, type Tree } from './tmp.js';

export { makeTree, removeTree, type Tree };

/** A minimal valid SKILL.md; pass overrides for the frontmatter lines and the body. */
export function skillMd(name: string, opts: { frontmatter?: string; body?: string; description?: string } = {}): string {
  const description = opts.description ?? `Does ${name} things for tests. Use when a test needs a valid ${name} skill.`;
  const fm = opts.frontmatter ?? `name: ${name}\ndescription: ${description}`;
  return `---\n${fm}\n---\n\n${opts.body ?? `# ${name}\n\nBody text.\n`}`;
}

/** Lint a tree built from `files`; returns the result and removes the folder. */
export async function lintTree(files: Tree, options: Omit<ValidateOptions, 'cwd'> = {}): Promise<ValidateResult> {
  const root = await makeTree(files);
  try {
    return await validate({ config: false, ...options, cwd: root });
  } finally {
    await removeTree(root);
  }
}

/** Lint a single skill folder `skills/<folder>/SKILL.md` with the given text (plus extra files). */
export async function lintSkill(text: string, opts: { folder?: string; files?: Tree } & Omit<ValidateOptions, 'cwd'> = {}): Promise<ValidateResult> {
  const folder = opts.folder ?? 'my-skill';
  const files: Tree = { [`skills/${folder}/SKILL.md`]: text };
  for (const [rel, content] of Object.entries(opts.files ?? {})) files[`skills/${folder}/${rel}`] = content;
  const { folder: _f, files: _x, ...rest } = opts;
  return lintTree(files, rest);
}

/** Diagnostics of one rule. */
export function only(result: ValidateResult | Diagnostic[], ruleId: string): Diagnostic[] {
  const list = Array.isArray(result) ? result : result.diagnostics;
  return list.filter((d) => d.ruleId === ruleId);
}
