/** Shared by the set rules that report skills sharing a value (name-unique, description-unique). */
import type { SkillSummary } from '../../skill/model.js';

/** A skill's non-blank `name`, the key the name rules compare. */
export const skillName = (s: SkillSummary): string | undefined => (typeof s.name === 'string' && s.name.trim() !== '' ? s.name : undefined);

/** Files a message lists at most; the rest are counted. */
const SHOWN = 3;

/**
 * "a, b, c and 4 more": the files of `lists` other than `skip`, of which there are `count`.
 * Reads only as far as the first three others: a group of thousands of skills with the same
 * name or description would otherwise cost a pass over the group per member.
 */
export function othersText(lists: Iterable<readonly SkillSummary[]>, skip: SkillSummary | undefined, count: number): string {
  const first: string[] = [];
  for (const list of lists) {
    for (let i = 0; i < list.length && first.length < SHOWN; i++) if (list[i] !== skip) first.push(list[i]!.file);
    if (first.length === SHOWN) break;
  }
  return first.join(', ') + (count > SHOWN ? ` and ${count - SHOWN} more` : '');
}

/** The skills of one `name`: all of them (discovery order), those outside plugins, and those of each plugin folder. */
export interface NameGroup {
  all: SkillSummary[];
  outside: SkillSummary[];
  plugins: Map<string, SkillSummary[]>;
}

/**
 * Skills grouped by `name` (the name rules' key), and within a name by the plugin folder that
 * holds them. Copies (`isCopy`: byte-identical to an earlier skill of the name) are left out.
 */
export function namesByPlugin(
  skills: readonly SkillSummary[],
  pluginOf: (s: SkillSummary) => string | undefined,
  isCopy: (s: SkillSummary) => boolean = () => false,
): Map<string, NameGroup> {
  const byName = new Map<string, NameGroup>();
  for (const skill of skills) {
    const name = skillName(skill);
    if (name === undefined || isCopy(skill)) continue;
    let group = byName.get(name);
    if (!group) byName.set(name, (group = { all: [], outside: [], plugins: new Map() }));
    group.all.push(skill);
    const plugin = pluginOf(skill);
    if (plugin === undefined) group.outside.push(skill);
    else {
      const list = group.plugins.get(plugin);
      if (list) list.push(skill);
      else group.plugins.set(plugin, [skill]);
    }
  }
  return byName;
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
      members: group.map((skill) => ({ skill, others: othersText([group], skill, group.length - copies.get(skill)!) })),
    });
  }
  return out;
}
