/** Shared by the set rules that report skills sharing a value (name-unique, description-unique). */
import type { SkillSummary } from '../../skill/model.js';

/**
 * Skills grouped by `keyOf` (skills whose key is undefined are left out), keeping only the
 * groups of two or more, each with a readable list of the other files for every member.
 */
/** "a, b, c and 4 more": the first three of `others` and how many are left. */
function listOthers(first: readonly string[], count: number): string {
  return first.join(', ') + (count > 3 ? ` and ${count - 3} more` : '');
}

/**
 * The files of the group other than `skill`, when every member appears once. Reads the group
 * only as far as the first three others: a group of thousands of skills with the same
 * description would otherwise cost a pass over the group per member.
 */
function othersOf(group: readonly SkillSummary[], skill: SkillSummary): string {
  const first: string[] = [];
  for (let i = 0; i < group.length && first.length < 3; i++) if (group[i] !== skill) first.push(group[i]!.file);
  return listOthers(first, group.length - 1);
}

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
    // The same summary object twice in the list (the runner never passes one) leaves the group
    // twice over, as a filter by identity does.
    const once = new Set(group).size === group.length;
    out.push({
      key,
      members: group.map((skill) => {
        if (once) return { skill, others: othersOf(group, skill) };
        const others = group.filter((o) => o !== skill).map((o) => o.file);
        return { skill, others: listOthers(others.slice(0, 3), others.length) };
      }),
    });
  }
  return out;
}
