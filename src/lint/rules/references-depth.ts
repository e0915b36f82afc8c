import type { SkillRule } from '../types.js';
import { linkFacts, linkTargets, LINKS_DEEP } from './link-targets.js';

/** Documents an agent reads into its context; scripts and assets are run or copied, not read. */
const DOC_FILE = /\.(?:md|mdx|markdown|txt|rst|adoc)$/i;

export const rule: SkillRule = {
  id: 'references-depth',
  scope: 'skill',
  description: 'Documents referenced from SKILL.md sit at most one folder deep (a layout convention, off by default)',
  severity: 'off',
  docs:
    'Off by default. Some packs keep every document SKILL.md links one folder below it (`references/x.md`, not ' +
    '`references/api/errors.md`), reading the specification\'s "keep file references one level deep from SKILL.md" as folder depth. ' +
    'The specification and Anthropic\'s skill guidance mean reference chains (SKILL.md links a.md, which links b.md: an agent may ' +
    'read b.md only in part), not folders: a nested document linked from SKILL.md itself is read like any other. Turn the rule on ' +
    'to keep the flat layout; it then asks to move `references/a/b.md` to `references/a-b.md`. Only documents (.md, .txt, .rst, ...) ' +
    'are checked; `scripts/lib/x.py` is run, not read.',
  check({ skill, report }) {
    if ((linkFacts(skill) & LINKS_DEEP) === 0) return;
    let seen: Set<string> | undefined;
    const { links } = skill.body;
    const targets = linkTargets(skill);
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (link.kind === 'image') continue;
      const t = targets[i]!;
      if (t.kind !== 'inside' || t.isDir) continue;
      // One level deep (`references/x.md`) has at most one `/`: the usual case, told without splitting.
      const slash = t.rel.indexOf('/');
      if (slash === -1 || t.rel.indexOf('/', slash + 1) === -1) continue;
      if (!DOC_FILE.test(t.rel) || seen?.has(t.rel)) continue;
      const parts = t.rel.split('/');
      (seen ??= new Set()).add(t.rel);
      report({
        message: `\`${t.rel}\` is ${parts.length - 1} folders deep; keep referenced documents one level below SKILL.md`,
        pos: { line: link.line, column: link.column },
        hint: `move it to ${parts[0]}/${parts.slice(1).join('-')} and link it from SKILL.md`,
      });
    }
  },
};
