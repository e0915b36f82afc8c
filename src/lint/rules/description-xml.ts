import type { SkillRule } from '../types.js';
import { getField, locate, positionInScalar } from './frontmatter-fields.js';

/** An opening, closing or self-closing tag: `<example>`, `</b>`, `<br/>`, `<a href="x">`. */
const TAG = /<\/?[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>/;

export const rule: SkillRule = {
  id: 'description-xml',
  scope: 'skill',
  description: '`description` contains no XML or HTML tags',
  severity: 'error',
  docs:
    'Agents receive skill descriptions inside an XML-structured system prompt; a tag in a description can close or fake that ' +
    'structure, which is why the Claude API refuses to upload skills whose name or description contains XML tags. Describe the ' +
    'input in words, or write placeholders without angle brackets (`FILE`, `{file}`).',
  check({ skill, report }) {
    const field = getField(skill, 'description');
    // Every tag starts with `<`; most descriptions have none, and `includes` is cheaper than the regex.
    if (!field || typeof field.value !== 'string' || !field.value.includes('<')) return;
    const m = TAG.exec(field.value);
    if (!m) return;
    const located = locate(skill, [field.key]);
    const pos = (located && positionInScalar(skill, located, m.index)) ?? field.valuePos;
    report({
      message: `\`description\` contains the tag \`${m[0].length > 40 ? `${m[0].slice(0, 39)}…` : m[0]}\``,
      pos,
      hint: 'remove the angle brackets: describe it in words, or write the placeholder as FILE or {file}',
    });
  },
};
