import type { SkillRule } from '../types.js';
import { charLength, getField } from './frontmatter-fields.js';

export const NAME_MAX = 64;
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A valid name close to `name`: lowercase, other characters become single hyphens. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, NAME_MAX).replace(/-+$/, '');
}

/** Every reason `name` is invalid, in words; empty when it is valid. */
export function nameProblems(name: string): string[] {
  // Nearly every name is valid: the pattern alone proves it (ASCII only, so the length in units
  // is the length in characters), without the per-character scan of allNameProblems.
  if (name.length <= NAME_MAX && NAME_PATTERN.test(name)) return [];
  return allNameProblems(name);
}

/** The full check behind nameProblems (exported so a test can hold the shortcut against it). */
export function allNameProblems(name: string): string[] {
  const problems: string[] = [];
  const length = charLength(name);
  if (length > NAME_MAX) problems.push(`it is ${length} characters long (at most ${NAME_MAX})`);
  if (/[A-Z]/.test(name)) problems.push('it has uppercase letters');
  const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9-]/.test(c)))];
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).map((c) => (c === ' ' ? 'spaces' : /\s/.test(c) ? 'whitespace' : `"${c}"`));
    problems.push(`it contains ${shown.join(', ')}${bad.length > 5 ? ', …' : ''} (only a-z, 0-9 and "-" are allowed)`);
  }
  if (name.startsWith('-')) problems.push('it starts with a hyphen');
  if (name.endsWith('-') && name.length > 1) problems.push('it ends with a hyphen');
  if (name.includes('--')) problems.push('it has a double hyphen');
  return problems;
}

export const rule: SkillRule = {
  id: 'name-format',
  scope: 'skill',
  description: '`name` is 1–64 lowercase letters, digits and single hyphens',
  severity: 'error',
  docs:
    'The Agent Skills specification allows only lowercase a–z, digits and hyphens in `name`, at most 64 characters, with no leading, ' +
    'trailing or double hyphen. The name becomes a folder name when the skill is installed and a `/command` in Claude Code; the Claude ' +
    'API rejects other names, and characters like `/`, `.` or spaces make installers write somewhere unexpected. Rename as the hint ' +
    'suggests, and rename the folder to match.',
  check({ skill, report }) {
    const field = getField(skill, 'name');
    if (!field || typeof field.value !== 'string' || field.value.trim() === '') return;
    const problems = nameProblems(field.value);
    if (problems.length === 0) return;
    const suggestion = slugify(field.value);
    report({
      message: `\`name\` "${field.value.length > 80 ? `${field.value.slice(0, 79)}…` : field.value}" is not a valid skill name: ${problems.join('; ')}`,
      pos: field.valuePos,
      hint: suggestion ? `use \`name: ${suggestion}\` and name the folder the same` : 'use lowercase a-z, 0-9 and single hyphens, e.g. `name: pdf-tools`',
    });
  },
};
