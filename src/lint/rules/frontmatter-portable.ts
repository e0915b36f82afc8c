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

export const rule: SkillRule = {
  id: 'frontmatter-portable',
  scope: 'skill',
  description: 'Frontmatter loads in every client, not only in Claude Code',
  severity: 'error',
  docs:
    'Clients parse frontmatter with different YAML libraries. Claude Code retries a failed parse after quoting values that contain ' +
    '`: ` and replacing tab indentation, so a skill that works there is dropped by the `skills` CLI (js-yaml), by PyYAML-based ' +
    'agents and by validators. PyYAML also rejects any tab outside quotes and a bare `=` value. Quote values that contain `: ` ' +
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
