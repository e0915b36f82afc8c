import { yaml } from '../../skill/yaml.js';
import type { SkillDocument } from '../../skill/model.js';
import type { Finding, SkillRule } from '../types.js';
import { fieldsUsable, offsetToPosition, parsedFrontmatter, pathLabel, plainScalars } from './frontmatter-fields.js';

/**
 * Tabs outside quoted and block scalars: the `yaml` package and js-yaml accept a tab after
 * `key:` or inside a plain value; PyYAML rejects the whole document ("found character '\t'
 * that cannot start any token").
 */
function tabFindings(skill: SkillDocument): Finding[] {
  const fm = skill.frontmatter;
  const parsed = parsedFrontmatter(fm);
  if (!parsed) return [];
  // One byte per character of the text: 1 where a quoted or block scalar lies (tabs are fine there).
  const safe = new Uint8Array(fm.text.length);
  const collect = (node: unknown, depth: number): void => {
    if (depth > 16 || node === null || node === undefined) return;
    if (yaml().isMap(node)) for (const pair of node.items) collect(pair.value, depth + 1);
    else if (yaml().isSeq(node)) for (const item of node.items) collect(item, depth + 1);
    else if (yaml().isScalar(node) && node.range && node.type !== 'PLAIN') safe.fill(1, node.range[0], node.range[1]);
  };
  collect(parsed.doc.contents, 0);
  const inSafe = (o: number) => safe[o] === 1;
  const out: Finding[] = [];
  let offset = 0;
  for (const line of fm.text.split('\n')) {
    for (let i = line.indexOf('\t'); i !== -1 && i < line.length; i++) {
      if (line[i] !== '\t' || inSafe(offset + i)) continue;
      // A tab inside a comment is harmless; a `#` after whitespace starts one (outside quotes).
      const comment = /(?:^|[ \t])#/.exec(line);
      if (comment && comment.index < i && !inSafe(offset + comment.index + 1)) break;
      out.push({
        message: 'a tab outside quotes: PyYAML rejects the whole frontmatter (Claude Code and js-yaml accept it)',
        pos: offsetToPosition(fm, parsed, offset + i),
        hint: 'replace the tab with spaces',
      });
      break;
    }
    offset += line.length + 1;
  }
  return out;
}

/** The tags js-yaml's default schema (gray-matter, skills-ref) and PyYAML's safe loader resolve. */
const PORTABLE_TAGS = new Set(['str', 'seq', 'map', 'null', 'bool', 'int', 'float', 'timestamp', 'merge', 'binary', 'omap', 'pairs', 'set'].map((t) => `tag:yaml.org,2002:${t}`));

/** Where the tag before a value starts (`!foo` in `key: !foo value`): a node's range begins at the value. */
function tagStart(text: string, valueStart: number): number {
  let i = valueStart;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/[\s[\]{},]/.test(text[i - 1]!)) i--;
  return text[i] === '!' ? i : valueStart;
}

/**
 * Tags no portable loader knows (`!custom`, `!!js/function`): the `yaml` package (Claude Code, the
 * `skills` CLI) warns and keeps the text; js-yaml and PyYAML throw, and the skill is dropped there.
 */
function tagFindings(skill: SkillDocument): Finding[] {
  const fm = skill.frontmatter;
  const parsed = parsedFrontmatter(fm);
  const out: Finding[] = [];
  if (!parsed) return out;
  const visit = (node: unknown, path: Array<string | number>, depth: number): void => {
    if (depth > 16 || !yaml().isNode(node)) return;
    if (node.tag !== undefined && !PORTABLE_TAGS.has(node.tag)) {
      const tag = node.tag.startsWith('tag:yaml.org,2002:') ? `!!${node.tag.slice(18)}` : node.tag;
      out.push({
        message: `${path.length > 0 ? `\`${pathLabel(path)}\`` : 'a key'} has the YAML tag \`${tag}\`, which js-yaml (gray-matter, skills-ref) and PyYAML do not know: they reject the whole frontmatter and drop the skill`,
        pos: offsetToPosition(fm, parsed, tagStart(fm.text, node.range?.[0] ?? 0)),
        hint: 'remove the tag; quote the value if it starts with `!`',
      });
    }
    if (yaml().isMap(node)) {
      for (const pair of node.items) {
        visit(pair.key, path, depth + 1);
        visit(pair.value, [...path, yaml().isScalar(pair.key) ? String(pair.key.value) : '?'], depth + 1);
      }
    } else if (yaml().isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i], depth + 1));
    }
  };
  visit(parsed.doc.contents, [], 0);
  return out;
}

export const rule: SkillRule = {
  id: 'frontmatter-portable',
  scope: 'skill',
  description: 'Frontmatter loads in every client, not only in Claude Code',
  severity: 'error',
  docs:
    'Clients parse frontmatter with different YAML libraries. Claude Code retries a failed parse after quoting values that contain ' +
    '`: ` and replacing tab indentation, so a skill that works there is dropped by the `skills` CLI (the `yaml` package), by js-yaml, by PyYAML-based ' +
    'agents and by validators. PyYAML also rejects any tab outside quotes and a bare `=` value, and both reject a YAML tag they do not know (`!custom`, `!!js/function`). Quote values that contain `: ` ' +
    '(or use `>` with the text on the next lines), indent with spaces, and quote odd values.',
  check({ skill, report }) {
    if (skill.readProblem) return;
    const fm = skill.frontmatter;
    if (fm.error?.kind === 'portability') {
      report({ message: fm.error.message, pos: fm.error.pos, ...(fm.error.hint ? { hint: fm.error.hint } : {}) });
      return;
    }
    if (!fieldsUsable(skill)) return;
    if (fm.text.includes('\t')) for (const f of tabFindings(skill)) report(f);
    // A tag is a `!` after a space or a flow indicator; "Done!" in prose is not one.
    if (fm.text.includes('!') && /(?:^|[\s[{,])!/.test(fm.text)) for (const f of tagFindings(skill)) report(f);
    // The pattern needs an `=`; most frontmatter has none, and `includes` is cheaper than the scan.
    if (fm.text.includes('=') && /(?::|^[ \t]*-)[ \t]+=[ \t]*(?:#.*)?$/m.test(fm.text)) {
      for (const s of plainScalars(skill)) {
        if (s.raw !== '=') continue;
        const last = s.path[s.path.length - 1];
        report({
          message: `\`${pathLabel(s.path)}: =\` cannot be loaded by PyYAML (a bare \`=\` is a YAML 1.1 "value" key)`,
          pos: s.pos,
          hint: typeof last === 'string' ? `quote it: \`${last}: "="\`` : 'quote it: `- "="`',
        });
      }
    }
  },
};
