import type { SkillSummary } from '../../skill/model.js';
import type { SetRule } from '../types.js';
import { duplicateGroups } from './set-duplicates.js';

/** Whitespace other than a single space between words: what the collapsing replace would change. */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

function normalize(description: string): string {
  const trimmed = description.trim();
  // Most descriptions are one line with single spaces: one native scan instead of a rewrite.
  return (UNUSUAL_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed).toLowerCase();
}

export const rule: SetRule = {
  id: 'description-unique',
  scope: 'set',
  description: 'No two skills in the set have the same `description`',
  severity: 'warning',
  docs:
    'Agents choose between skills by description. Two skills with the same description are indistinguishable: the agent picks one ' +
    'arbitrarily, and the other never runs. This usually comes from copying a skill as a template. Say what is different about each.',
  check({ skills, report, isCopy }) {
    // A byte-identical copy of a skill (isCopy) is that skill, not a second one with its description.
    const described = (s: SkillSummary) => (typeof s.description === 'string' && s.description.trim() !== '' && !isCopy?.(s) ? normalize(s.description) : undefined);
    for (const { members } of duplicateGroups(skills, described)) {
      for (const { skill, others } of members) {
        report({
          file: skill.file,
          ...(skill.descriptionPos ? { pos: skill.descriptionPos } : {}),
          message: `\`description\` is the same as in ${others}`,
          hint: 'describe what this skill does differently and when to pick it over the other',
        });
      }
    }
  },
};
