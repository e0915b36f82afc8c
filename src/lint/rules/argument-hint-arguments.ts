import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';

/** Names declared in `arguments` (a list, or a space-separated string), as Claude Code reads them. */
function argumentNames(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return items.filter((n): n is string => typeof n === 'string' && n.trim() !== '' && !/^\d+$/.test(n));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does the body use any placeholder Claude Code substitutes: $ARGUMENTS, $ARGUMENTS[n], $n, $name? */
export function usesArguments(body: string, names: readonly string[]): boolean {
  if (/\$ARGUMENTS/.test(body) || /\$\d+(?!\w)/.test(body)) return true;
  return names.some((n) => new RegExp(`\\$${escapeRegExp(n)}(?![\\[\\w])`).test(body));
}

export const rule: SkillRule = {
  id: 'argument-hint-arguments',
  scope: 'skill',
  description: 'A skill with `argument-hint` uses its arguments in the body ($ARGUMENTS, $0, $1, …)',
  severity: 'warning',
  docs:
    '`argument-hint` tells users that `/skill-name` takes arguments (`[file] [--fix]`). Claude Code substitutes them into the body ' +
    'where it finds `$ARGUMENTS`, `$ARGUMENTS[0]`, `$0`, `$1`, … or `$name` for names declared in `arguments`. When the body uses ' +
    'none of these, Claude Code only appends "ARGUMENTS: …" after the instructions, where they are easy to misread. Reference the ' +
    'arguments where the instructions need them, or remove `argument-hint`.',
  check({ skill, report }) {
    const field = getField(skill, 'argument-hint');
    // A mapping is frontmatter-types' finding, and has no toString to call (null prototype), nor
    // has a mapping inside a list.
    if (!field || field.value === null || (typeof field.value === 'object' && !Array.isArray(field.value))) return;
    const text = Array.isArray(field.value) ? field.value.filter((v) => typeof v !== 'object').join(' ') : String(field.value);
    if (text.trim() === '') return;
    const names = argumentNames(getField(skill, 'arguments')?.value);
    if (usesArguments(skill.body.text, names)) return;
    report({
      message: '`argument-hint` is set but the body never uses the arguments ($ARGUMENTS, $0, $1, …)',
      pos: field.keyPos,
      hint: 'write e.g. "Work on: $ARGUMENTS" where the instructions need the input, or remove `argument-hint`',
    });
  },
};
