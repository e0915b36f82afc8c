/** Shared by the set rules that report skills sharing a value (name-unique, description-unique). */
import type { SkillSummary } from '../../skill/model.js';

/** A skill's non-blank `name`, the key the name rules compare. */
export const skillName = (s: SkillSummary): string | undefined => (typeof s.name === 'string' && s.name.trim() !== '' ? s.name : undefined);

/**
 * "a, b, c and 4 more": the files of the group other than `skill`, of which there are `count`.
 * Reads the group only as far as the first three others: a group of thousands of skills with
 * the same description would otherwise cost a pass over the group per member.
 */
function othersOf(group: readonly SkillSummary[], skill: SkillSummary, count: number): string {
  const first: string[] = [];
  for (let i = 0; i < group.length && first.length < 3; i++) if (group[i] !== skill) first.push(group[i]!.file);
  return first.join(', ') + (count > 3 ? ` and ${count - 3} more` : '');
}

/**
 * Skills grouped by `keyOf` (skills whose key is undefined are left out), keeping only the
 * groups of two or more, each with a readable list of the other files for every member.
 */
export function duplicateGroups(
  skills: readonly SkillSummary[],
  keyOf: (s: SkillSummary) => string | undefined,
): Array<{ key: string; members: Array<{ skill: SkillSummary; others: string }> }> {
  const groups = new Map<string, SkillSummary[]>();
  for (const s of skills) {
    const key = keyOf(s);
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const out: Array<{ key: string; members: Array<{ skill: SkillSummary; others: string }> }> = [];
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    // Others are members that are not this object (the same summary twice in the list, which the
    // runner never passes, is not its own other).
    const copies = new Map<SkillSummary, number>();
    for (const s of group) copies.set(s, (copies.get(s) ?? 0) + 1);
    out.push({
      key,
      members: group.map((skill) => ({ skill, others: othersOf(group, skill, group.length - copies.get(skill)!) })),
    });
  }
  return out;
}
