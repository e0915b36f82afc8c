import path from 'node:path';
import type { SkillSummary } from '../../skill/model.js';
import { suggester } from '../suggest.js';
import type { SetRule } from '../types.js';

/** The name a skill is known by: its frontmatter `name`, or its folder when it has none. */
function skillName(s: SkillSummary): string {
  return typeof s.name === 'string' && s.name.trim() !== '' ? s.name : s.folderName;
}

/**
 * Folders that hold skills (a plugin folder such as `playwright-pro/skills/...`, a category
 * folder) below the folder all skills share: "see the `playwright-pro` plugin" points at them.
 */
function containerNames(skills: readonly SkillSummary[]): Set<string> {
  const names = new Set<string>();
  if (skills.length === 0) return names;
  let common = path.dirname(skills[0]!.dir);
  for (const s of skills) {
    while (common !== path.dirname(common) && !(s.dir === common || s.dir.startsWith(common + path.sep))) common = path.dirname(common);
  }
  for (const s of skills) {
    for (let d = path.dirname(s.dir); d.length > common.length && d.startsWith(common + path.sep); d = path.dirname(d)) names.add(path.basename(d));
  }
  return names;
}

/**
 * A unique skill whose name starts or ends with the reference (`draft` for `draft-message`):
 * every part of a name before or after one of its hyphens, mapped to the names that have it,
 * so that a lookup does not walk all skills (one per unknown name, thousands in a large set).
 */
function partialMatcher(candidates: readonly string[]): (name: string) => string | undefined {
  /** Part -> the one name having it, or null when several do. */
  const parts = new Map<string, string | null>();
  const add = (part: string, c: string) => {
    const seen = parts.get(part);
    if (seen === undefined) parts.set(part, c);
    else if (seen !== c) parts.set(part, null);
  };
  for (const c of candidates) {
    for (let i = c.indexOf('-'); i !== -1; i = c.indexOf('-', i + 1)) {
      add(c.slice(0, i), c);
      add(c.slice(i + 1), c);
    }
  }
  return (name) => parts.get(name) ?? undefined;
}

/** "Did you mean": the closest name, else the one name the reference is a hyphen-part of. */
function guesser(candidates: readonly string[]): (name: string) => string | undefined {
  const closest = suggester(candidates);
  const partial = partialMatcher(candidates);
  return (name) => closest(name) ?? partial(name);
}

export const rule: SetRule = {
  id: 'cross-references',
  scope: 'set',
  description: 'Skills named in "Composes With", "When NOT to Use" and similar sections exist in the set or are declared external',
  severity: 'error',
  docs:
    'Skills point at each other ("When NOT to Use: a quick mutation → `react-server-actions`", "Composes With: `prisma`"), and an ' +
    'agent follows those names. A renamed, removed or misspelt skill sends it nowhere. Names are taken from structure, not from ' +
    'every backticked word: "the `x` skill" anywhere (not "a `x` skill", which is an example); in a referencing section ("Composes With", "When NOT to Use", "Related ' +
    'Skills", "See also", ...) a list item that opens with `x`, **x** or [x](../x/SKILL.md), a table cell that holds only a name, ' +
    'and a name after → or "use"/"see". Each must be the `name` of a skill in the validated set (or its folder name when it has ' +
    'none), a folder holding skills (a plugin of the same repository), or a declared external skill: list skills from other ' +
    'packs in `.vibe-skills.json` under "externalSkills", or pass `--external <name>`. `plugin:name` references resolve by the ' +
    'part after the colon. A skill naming itself is not reported: the name resolves, and "the `x` skill" in its own body is ' +
    'how skills introduce themselves.',
  check({ skills, settings, report }) {
    const names = new Set(skills.map(skillName));
    const containers = containerNames(skills);
    // Built on the first unknown name: most sets have none.
    let guessFor: ((name: string) => string | undefined) | undefined;
    // One search per distinct unknown name, not per reference: each compares the name with every
    // skill, and the same unknown name is often referenced from many skills.
    const guesses = new Map<string, string | undefined>();
    for (const s of skills) {
      for (const ref of s.references) {
        const colon = ref.name.indexOf(':');
        const local = colon === -1 ? ref.name : ref.name.slice(colon + 1);
        if (names.has(local) || settings.externalSkills.has(ref.name) || settings.externalSkills.has(local) || containers.has(local)) continue;
        let guess = guesses.get(local);
        if (guess === undefined && !guesses.has(local)) {
          guessFor ??= guesser([...names].sort());
          guess = guessFor(local);
          guesses.set(local, guess);
        }
        const declare = `if \`${local}\` lives in another pack, declare it: "externalSkills": ["${local}"] in .vibe-skills.json, or --external ${local}`;
        report({
          file: s.file,
          pos: { line: ref.line, column: ref.column },
          end: { line: ref.line, column: ref.column + local.length + (colon === -1 ? 0 : colon + 1) },
          message: `\`${ref.name}\`${ref.section ? ` (in "${ref.section}")` : ''} is not a skill in this set`,
          hint: guess ? `did you mean \`${guess}\`? Otherwise ${declare}` : declare.replace(/^if/, 'If'),
        });
      }
    }
  },
};
