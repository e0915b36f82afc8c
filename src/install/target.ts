/**
 * The edge that reads what is already in a target skills folder into data for the planner:
 * where the folder really is, whether writing there is allowed, what each skill's entry
 * holds, and the leftovers of an interrupted run.
 */
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { readInstalledTree, type InstalledTree } from './tree.js';

export type InstalledState =
  | { kind: 'absent' }
  | { kind: 'dir'; tree: InstalledTree }
  /** A link (e.g. the `skills` CLI's `.claude/skills/x -> ../../.agents/skills/x`). */
  | { kind: 'symlink'; target: string; resolved: string | null; tree: InstalledTree | null }
  | { kind: 'other'; what: string };

/** What an interrupted vibe-skills run can leave in a skills folder. */
export type LeftoverKind = 'staging' | 'old' | 'keep' | 'removing' | 'link';

export interface Leftover {
  /** Entry name in the skills folder. */
  entry: string;
  skill: string;
  kind: LeftoverKind;
}

export const BACKUP_DIR = '.vibe-skills-backups';
const LEFTOVER = /^\.(.+)\.vibe-(staging|old|keep|removing|link)-([a-z0-9]+)$/;

export function leftoverName(skill: string, kind: LeftoverKind, rand: string): string {
  return `.${skill}.vibe-${kind}-${rand}`;
}

export function parseLeftover(entry: string): Leftover | null {
  const m = LEFTOVER.exec(entry);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { entry, skill: m[1], kind: m[2] as LeftoverKind };
}

export interface FolderState {
  /** Absolute skills folder as configured. */
  dir: string;
  /** Where it really is: the real path of its longest existing ancestor plus the rest. */
  realDir: string;
  exists: boolean;
  /** Why nothing may be written here; undefined when writing is allowed. */
  refused?: string;
  leftovers: Leftover[];
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

/** Resolve symlinks in the existing part of a path; the missing rest is appended as is. */
export async function resolveExisting(p: string): Promise<string> {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = await realpath(cur);
      return rest.length === 0 ? real : path.join(real, ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

/**
 * Read a target skills folder. `root` is the folder it must stay inside once symlinks are
 * resolved (the project, or the global base such as the home folder): a `.claude` that links
 * to `/etc` makes the folder refused, never written through.
 */
export async function readFolderState(dir: string, root: string): Promise<FolderState> {
  const realRoot = await resolveExisting(root);
  const realDir = await resolveExisting(dir);
  const state: FolderState = { dir, realDir, exists: false, leftovers: [] };
  if (!isInside(realDir, realRoot) || realDir === realRoot) {
    state.refused = `${dir} resolves to ${realDir}, outside ${root} (a folder on the way is a symbolic link)`;
    return state;
  }
  // A dangling link on the way resolves to itself above; make sure nothing on the way is a
  // link we could not resolve, or a file.
  const st = await lstat(dir).catch(() => undefined);
  if (st !== undefined) {
    const target = await stat(dir).catch(() => undefined);
    if (target === undefined) {
      state.refused = `${dir} is a dangling symbolic link`;
      return state;
    }
    if (!target.isDirectory()) {
      state.refused = `${dir} exists but is not a folder`;
      return state;
    }
    state.exists = true;
  } else {
    for (let cur = path.dirname(dir); cur !== path.dirname(cur); cur = path.dirname(cur)) {
      const s = await lstat(cur).catch(() => undefined);
      if (s === undefined) continue;
      if (s.isSymbolicLink() && (await stat(cur).catch(() => undefined)) === undefined) {
        state.refused = `${cur} is a dangling symbolic link`;
        return state;
      }
      if (!(await stat(cur)).isDirectory()) {
        state.refused = `${cur} exists but is not a folder`;
        return state;
      }
      break;
    }
  }
  if (state.exists) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const l = parseLeftover(name);
      if (l) state.leftovers.push(l);
    }
  }
  return state;
}

/**
 * Read one skill's entry in a skills folder. A link is read through (for its status) wherever
 * it leads, as a user's link to a skill in development may live anywhere, but only into a
 * folder that holds a SKILL.md: a link a repository carries to `/`, `/proc` or `/sys` is not
 * walked (reading is bounded and never blocks, but there is no skill there to read).
 */
export async function readInstalled(dest: string): Promise<InstalledState> {
  const st = await lstat(dest).catch(() => undefined);
  if (st === undefined) return { kind: 'absent' };
  if (st.isDirectory()) return { kind: 'dir', tree: await readInstalledTree(dest) };
  if (st.isSymbolicLink()) {
    const target = await readlink(dest).catch(() => '');
    const resolved = await realpath(dest).catch(() => null);
    let tree: InstalledTree | null = null;
    const isSkill = resolved !== null && (await stat(path.join(resolved, 'SKILL.md')).catch(() => undefined))?.isFile() === true;
    if (isSkill) tree = await readInstalledTree(resolved);
    return { kind: 'symlink', target, resolved, tree };
  }
  return { kind: 'other', what: st.isFile() ? 'a file' : 'a special file' };
}

/**
 * Agent folders that are one real folder (`.claude/skills -> ../.agents/skills`, a layout users
 * make so that agents share their skills) are one target: writing to "both" would replace the
 * copy just written (a false failure), and a link from one to the other would link the skill
 * to itself and lose it. Grouped by real path, the first of each group keeps its path and takes
 * the others' agents. A folder that leads outside its root is never merged: it keeps its own
 * refusal (global folders hang off different roots).
 */
export async function mergeSameFolders<T extends { dir: string; root: string; agents: string[] }>(targets: readonly T[]): Promise<T[]> {
  const byReal = new Map<string, T>();
  for (const t of targets) {
    const real = await resolveExisting(t.dir);
    const key = isInside(real, await resolveExisting(t.root)) ? real : `refused:${t.dir}`;
    const first = byReal.get(key);
    if (first === undefined) byReal.set(key, { ...t, agents: [...t.agents] });
    else for (const a of t.agents) if (!first.agents.includes(a)) first.agents.push(a);
  }
  return [...byReal.values()];
}
