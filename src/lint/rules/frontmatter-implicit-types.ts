import type { SkillRule } from '../types.js';
import { fieldsUsable, KNOWN_FIELDS, pathLabel, plainScalars } from './frontmatter-fields.js';

/*
 * Unquoted values that YAML 1.2 (Claude Code's parser, the `yaml` package, which the `skills` CLI
 * 1.7 loads too) reads as strings but YAML 1.1 parsers read as something else. Measured
 * with yaml 2.9, js-yaml 3.15 (the version gray-matter loads), js-yaml 4.1 (skills-ref's) and PyYAML 6.
 */
interface Divergence {
  test: RegExp;
  describe(raw: string): string;
}

const BOOL_TRUE = /^(?:yes|Yes|YES|on|On|ON|y|Y)$/;

const DIVERGENCES: readonly Divergence[] = [
  {
    test: /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/,
    describe: (raw) => `the boolean ${BOOL_TRUE.test(raw)} in YAML 1.1 parsers such as PyYAML`,
  },
  {
    test: /^[yYnN]$/,
    describe: (raw) => `the boolean ${BOOL_TRUE.test(raw)} in strict YAML 1.1 parsers such as Go's yaml.v2`,
  },
  {
    test: /^\d{4}-\d\d-\d\d(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
    describe: () => 'a date in js-yaml (gray-matter, skills-ref) and in PyYAML',
  },
  {
    test: /^[-+]?(?:0b[01_]*_[01_]*|0x[0-9a-fA-F_]*_[0-9a-fA-F_]*|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?)$/,
    describe: () => 'a number in js-yaml and PyYAML (YAML 1.1 allows `_` in numbers)',
  },
  {
    test: /^[-+]?0b[01]+$/,
    describe: () => 'a binary number in js-yaml and PyYAML',
  },
  {
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
    describe: () => 'a base-60 number in YAML 1.1 parsers (PyYAML, js-yaml 3)',
  },
];

/** Cheap test on the raw text before parsing again: is any line `key: <candidate>` or `- <candidate>`? */
const CANDIDATE_LINE = new RegExp(
  `(?::|^[ \\t]*-)[ \\t]+(?:${DIVERGENCES.map((d) => d.test.source.slice(1, -1)).join('|')})[ \\t]*(?:#.*)?$`,
  'm',
);

/** Fields where a yes/no is reported by frontmatter-types instead ("must be true or false"). */
const BOOLEAN_FIELDS = new Set([...KNOWN_FIELDS].filter(([, f]) => f.kind === 'boolean').map(([k]) => k));

export const rule: SkillRule = {
  id: 'frontmatter-implicit-types',
  scope: 'skill',
  description: 'Unquoted values mean the same in YAML 1.1 and 1.2 (yes/no, dates, 1_000, 1:30)',
  severity: 'warning',
  docs:
    'YAML guesses the type of unquoted values, and the two YAML versions guess differently. Claude Code (YAML 1.2) reads `yes`, ' +
    '`off`, `2024-01-01`, `1_000` and `1:30` as text, and so does the `skills` CLI; YAML 1.1 parsers — js-yaml in gray-matter and skills-ref, PyYAML in Python agents — ' +
    'read booleans, a date object and numbers. The same skill then carries different metadata, or a different name, depending on ' +
    'who reads it. Quote such values: `updated: "2024-01-01"`. (Values every parser reads as numbers, like `1.0`, are reported by ' +
    'frontmatter-types and metadata-strings.)',
  check({ skill, report }) {
    if (!fieldsUsable(skill) || !CANDIDATE_LINE.test(skill.frontmatter.text)) return;
    for (const s of plainScalars(skill)) {
      if (typeof s.value !== 'string') continue;
      const divergence = DIVERGENCES.find((d) => d.test.test(s.raw));
      if (!divergence) continue;
      if (s.path.length === 1 && BOOLEAN_FIELDS.has(String(s.path[0]))) continue;
      const last = s.path[s.path.length - 1];
      report({
        message: `\`${pathLabel(s.path)}: ${s.raw}\` is the string "${s.raw}" in YAML 1.2 (Claude Code) but ${divergence.describe(s.raw)}`,
        pos: s.pos,
        end: s.end,
        hint: typeof last === 'string' ? `quote it: \`${last}: "${s.raw}"\`` : `quote it: \`- "${s.raw}"\``,
      });
    }
  },
};
