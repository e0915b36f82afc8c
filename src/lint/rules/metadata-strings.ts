import type { SkillRule } from '../types.js';
import { describeValue, getField, isPlainObject, locate, rawScalar } from './frontmatter-fields.js';

export const rule: SkillRule = {
  id: 'metadata-strings',
  scope: 'skill',
  description: '`metadata` maps strings to strings',
  severity: 'warning',
  docs:
    'The specification defines `metadata` as a map from string keys to string values. YAML turns unquoted `1.0` into the number 1, ' +
    '`true` into a boolean and `2024-01-01` into a date in some parsers, so clients that expect strings get something else — a ' +
    'version "1.0" silently becomes "1". Quote scalar values (`version: "1.0"`) and flatten nested lists or maps into strings.',
  check({ skill, report }) {
    const field = getField(skill, 'metadata');
    if (!field || !isPlainObject(field.value)) return;
    for (const [key, value] of Object.entries(field.value)) {
      if (typeof value === 'string') continue;
      const located = locate(skill, [field.key, key]);
      const pos = located?.pos ?? field.valuePos;
      const raw = located ? rawScalar(skill, located) : undefined;
      const scalar = value === null || typeof value === 'number' || typeof value === 'boolean';
      let hint: string;
      if (value === null) hint = `write \`${key}: ""\` or remove the entry`;
      else if (scalar) hint = `quote it: \`${key}: "${raw ?? String(value)}"\``;
      else hint = `write it as one string, e.g. \`${key}: "a, b"\`, or move it out of metadata`;
      const written = raw !== undefined && scalar && value !== null && raw !== String(value) ? ` (written \`${raw}\`)` : '';
      report({ message: `\`metadata.${key}\` is ${describeValue(value)}${written}, not a string`, pos, hint });
    }
  },
};
