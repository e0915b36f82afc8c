import type { SkillRule } from '../types.js';
import { resolveLinkTarget } from './link-targets.js';

/** Documents an agent reads into its context; scripts and assets are run or copied, not read. */
const DOC_FILE = /\.(?:md|mdx|markdown|txt|rst|adoc)$/i;

export const rule: SkillRule = {
  id: 'references-depth',
  scope: 'skill',
  description: 'Documents referenced from SKILL.md sit at most one folder deep (references/x.md, not references/a/b.md)',
  severity: 'warning',
  docs:
    'The Agent Skills specification asks to keep file references one level deep from SKILL.md: agents load referenced files on ' +
    'demand and may read a deeply nested or chained document only partially. Move `references/a/b.md` to `references/a-b.md` and ' +
    'link it from SKILL.md directly. Only documents (.md, .txt, .rst, ...) are checked; `scripts/lib/x.py` is run, not read.',
  check({ skill, report }) {
    const seen = new Set<string>();
    for (const link of skill.body.links) {
      if (link.kind === 'image') continue;
      const t = resolveLinkTarget(link.target);
      if (t.kind !== 'inside' || t.isDir || !DOC_FILE.test(t.rel)) continue;
      if (t.rel.split('/').length <= 2 || seen.has(t.rel)) continue;
      seen.add(t.rel);
      report({
        message: `\`${t.rel}\` is ${t.rel.split('/').length - 1} folders deep; keep referenced documents one level below SKILL.md`,
        pos: { line: link.line, column: link.column },
        hint: `move it to ${t.rel.split('/')[0]}/${t.rel.split('/').slice(1).join('-')} and link it from SKILL.md`,
      });
    }
  },
};
