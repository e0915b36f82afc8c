import type { FrontmatterField, SkillDocument } from '../../skill/model.js';
import type { Finding, SkillRule } from '../types.js';
import { describeValue, fieldList, fieldsUsable, isPlainObject, KNOWN_FIELDS, locate, rawScalar, type FieldKind } from './frontmatter-fields.js';

const EXPECTED: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'true or false',
  map: 'a mapping of `key: value` lines',
  'string-or-list': 'a string or a list of strings',
  'string-or-integer': 'a string or a whole number',
};

function scalarHint(skill: SkillDocument, field: FrontmatterField): string {
  const located = locate(skill, [field.key]);
  const raw = (located && rawScalar(skill, located)) ?? String(field.value);
  return `quote it: \`${field.key}: "${raw.replace(/^["']|["']$/g, '')}"\``;
}

function checkField(skill: SkillDocument, field: FrontmatterField, kind: FieldKind): Finding | undefined {
  const value = field.value;
  // An empty value means "not set" to every client; the *-required rules cover name and description.
  if (value === null) return undefined;
  // Nothing is allocated before a value is found wrong: nearly every field has the right type.
  switch (kind) {
    case 'string': {
      if (typeof value === 'string') return undefined;
      if (typeof value === 'number' || typeof value === 'boolean') {
        const located = locate(skill, [field.key]);
        const raw = located ? rawScalar(skill, located) : undefined;
        const lossy = raw !== undefined && raw !== String(value) ? ` (written \`${raw}\`, read as ${String(value)})` : '';
        return { pos: field.valuePos, message: `\`${field.key}\` is ${describeValue(value)}${lossy}, not a string`, hint: scalarHint(skill, field) };
      }
      // `argument-hint: [file]` is the usual way in: brackets make YAML read a list.
      if (field.style === 'flow-seq' || field.style === 'flow-map') {
        const located = locate(skill, [field.key]);
        const raw = located?.node.range ? skill.frontmatter.text.slice(located.node.range[0], located.node.range[1]) : undefined;
        if (raw !== undefined && !raw.includes('\n')) {
          return {
            pos: field.valuePos,
            message: `\`${field.key}\` is ${describeValue(value)} (YAML reads \`${raw}\` as one); it must be ${EXPECTED[kind]}`,
            hint: `quote it: \`${field.key}: "${raw.replace(/"/g, '\\"')}"\``,
          };
        }
      }
      return {
        pos: field.valuePos,
        message: `\`${field.key}\` is ${describeValue(value)}; it must be ${EXPECTED[kind]}`,
        hint: `write it on one line, or as a folded block: \`${field.key}: >\` with the text indented on the next lines`,
      };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return undefined;
      // The exact strings "true"/"false" work in Claude Code; boolean-as-string reports them.
      if (value === 'true' || value === 'false') return undefined;
      const claude =
        field.key === 'user-invocable'
          ? 'Claude Code treats anything but true as false and hides the skill from the / menu'
          : 'Claude Code treats anything but true as false';
      return {
        pos: field.valuePos,
        message: `\`${field.key}\` is ${describeValue(value)}, not true or false: ${claude}`,
        hint: `write \`${field.key}: true\` or \`${field.key}: false\` without quotes`,
      };
    }
    case 'map': {
      if (isPlainObject(value)) return undefined;
      return {
        pos: field.valuePos,
        message: `\`${field.key}\` is ${describeValue(value)}; it must be ${EXPECTED[kind]}`,
        hint: `write \`${field.key}:\` on its own line, then indented \`key: value\` lines`,
      };
    }
    case 'string-or-list': {
      if (typeof value === 'string') return undefined;
      if (Array.isArray(value)) {
        const i = value.findIndex((item) => typeof item !== 'string');
        if (i === -1) return undefined;
        const located = locate(skill, [field.key, i]);
        return {
          pos: located?.pos ?? field.valuePos,
          message: `\`${field.key}\` item ${i + 1} is ${describeValue(value[i])}; list items must be strings`,
          hint: 'quote the item, or write it as a plain word',
        };
      }
      return {
        pos: field.valuePos,
        message: `\`${field.key}\` is ${describeValue(value)}; it must be ${EXPECTED[kind]}`,
        hint: `write \`${field.key}: A B C\` or a YAML list with one entry per \`- \` line`,
      };
    }
    case 'string-or-integer': {
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return undefined;
      return { pos: field.valuePos, message: `\`${field.key}\` is ${describeValue(value)}; it must be ${EXPECTED[kind]}`, hint: `write e.g. \`${field.key}: high\`` };
    }
  }
}

export const rule: SkillRule = {
  id: 'frontmatter-types',
  scope: 'skill',
  description: 'Known frontmatter fields have the right YAML type',
  severity: 'error',
  docs:
    `Each known field has a type: ${fieldList((f) => f.kind === 'string')} are strings; ${fieldList((f) => f.kind === 'map')} are mappings; ` +
    `${fieldList((f) => f.kind === 'string-or-list')} are a string or a list of strings; ${fieldList((f) => f.kind === 'boolean')} are booleans; ` +
    `${fieldList((f) => f.kind === 'string-or-integer')} is a string or a whole number. ` +
    'YAML guesses types from unquoted text, so `version: 1.0` becomes the number 1 and `user-invocable: yes` ' +
    'the string "yes" (which Claude Code reads as false). Clients drop or misread values of the wrong type. Quote strings that look ' +
    'like numbers, and write booleans as bare true/false.',
  check({ skill, report }) {
    if (!fieldsUsable(skill)) return;
    const fields = skill.frontmatter.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const known = KNOWN_FIELDS.get(field.key);
      if (!known) continue;
      const finding = checkField(skill, field, known.kind);
      if (finding) report(finding);
    }
  },
};
