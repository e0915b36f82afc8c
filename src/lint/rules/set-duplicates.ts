/** Shared by the set rules that report skills sharing a value (name-unique, description-unique). */
import type { SkillSummary } from '../../skill/model.js';

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
    out.push({
      key,
      members: group.map((skill) => {
        const others = group.filter((o) => o !== skill).map((o) => o.file);
        return { skill, others: others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '') };
      }),
    });
  }
  return out;
}
