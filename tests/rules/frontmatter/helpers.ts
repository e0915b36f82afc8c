/** Small helpers for the frontmatter rule tests: build SKILL.md text, lint it for real. */
import { lintSkill, lintTree, only, type Tree } from '../../helpers/skill-tree.js';
import type { Diagnostic } from '../../../src/types.js';

export const GOOD_DESCRIPTION = 'Formats and lints SQL files. Use when the user asks to clean up or review .sql code.';

/** A SKILL.md with these frontmatter lines (name/description added unless given) and body. */
export function skill(frontmatter: string, opts: { name?: string | false; description?: string | false; body?: string } = {}): string {
  const lines: string[] = [];
  const has = (key: string) => new RegExp(`^${key}:`, 'm').test(frontmatter);
  if (opts.name !== false && !has('name')) lines.push(`name: ${opts.name ?? 'my-skill'}`);
  if (opts.description !== false && !has('description')) lines.push(`description: ${opts.description ?? GOOD_DESCRIPTION}`);
  if (frontmatter) lines.push(frontmatter);
  return `---\n${lines.join('\n')}\n---\n\n${opts.body ?? '# My skill\n\nDo the thing.\n'}`;
}

/** Lint one skill in `skills/<folder>/` and return the diagnostics of one rule. */
export async function lint(ruleId: string, text: string, folder = 'my-skill'): Promise<Diagnostic[]> {
  return only(await lintSkill(text, { folder }), ruleId);
}

/** Lint a whole tree and return the diagnostics of one rule. */
export async function lintFiles(ruleId: string, files: Tree): Promise<Diagnostic[]> {
  return only(await lintTree(files), ruleId);
}

/** All diagnostics of a skill, for "nothing else fires" checks. */
export async function lintAll(text: string, folder = 'my-skill'): Promise<Diagnostic[]> {
  return (await lintSkill(text, { folder })).diagnostics;
}
