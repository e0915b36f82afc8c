/**
 * Skills published twice: a pack that serves several agents may keep byte-identical copies of a
 * skill (`skills/x/SKILL.md` and `providers/claude/plugin/skills/x/SKILL.md`). They are one skill:
 * the `skills` CLI keeps the first of a name, Claude Code namespaces a plugin's copy, and either
 * installs the same text. The rules about skills sharing a name or a description leave out every
 * copy but the first, so such a pack gets no "two skills share a name" error. Copies that differ
 * by one byte are two skills, as before.
 *
 * I/O at the edge: only the SKILL.md files of a name that more than one skill has are read again.
 */
import path from 'node:path';
import type { SkillSummary } from './model.js';
import { readText } from './read.js';

/** The skills whose SKILL.md is byte for byte that of an earlier skill of the same name. */
export async function laterCopies(skills: readonly SkillSummary[], cwd: string): Promise<ReadonlySet<SkillSummary>> {
  const byName = new Map<string, SkillSummary[]>();
  for (const skill of skills) {
    if (typeof skill.name !== 'string') continue;
    const group = byName.get(skill.name);
    if (group) group.push(skill);
    else byName.set(skill.name, [skill]);
  }
  const copies = new Set<SkillSummary>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const texts = new Set<string>();
    for (const skill of group) {
      const read = await readText(path.resolve(cwd, skill.file));
      // Unreadable now (changed or removed since it was linted): a skill of its own, as it was.
      if (!('text' in read)) continue;
      if (texts.has(read.text)) copies.add(skill);
      else texts.add(read.text);
    }
  }
  return copies;
}
