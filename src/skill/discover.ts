/**
 * Finding skills the way users lay them out: one skill folder, a `skills/` tree, the agent
 * folders (`.claude/skills/`, `.agents/skills/`, ...), folders named by plugin manifests,
 * or, when none of those exist, the tree itself. Symlinks are followed only while they stay
 * inside the tree; the rest are reported, never read.
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { AGENTS } from '../install/agents.js';
import type { DiscoveryNote } from '../lint/types.js';
import { displayPath, joinName, readDirSync, type DirEntry, type ReadDir } from './read.js';

/**
 * Project folders the `skills` CLI also searches for skills, though no agent of its table installs
 * there any more (it installs into `.agents/skills`): `.github/skills` is GitHub Copilot's project
 * folder, the others are where older releases put each agent's skills.
 */
const LEGACY_PROJECT_DIRS = ['.cline/skills', '.codex/skills', '.factory/skills', '.github/skills', '.kilo/skills', '.kilocode/skills', '.opencode/skills', '.pi/skills'];

/**
 * Folders (relative to a repository root) where skills conventionally live: `skills/`, every
 * agent's project folder from the agents table (`.claude/skills`, `.agents/skills`, ...) and the
 * other project folders the `skills` CLI searches (`.github/skills`, ...).
 */
export const SKILL_CONTAINERS: readonly string[] = [...new Set(['skills', ...AGENTS.map((a) => a.projectDir), ...LEGACY_PROJECT_DIRS])];

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo', '.cache']);
/** How deep below a container a SKILL.md is looked for (`skills/<category>/<name>/SKILL.md` is 2). */
export const DISCOVERY_DEPTH = 5;
/** Folders visited before discovery gives up (a guard against pathological trees). */
const MAX_DIRS = 200_000;

export interface DiscoverOptions {
  cwd: string;
  /** Extra skill folders (absolute), e.g. from plugin manifests. */
  extraDirs?: readonly string[];
  /**
   * Skill folders (absolute) walked only when there are other folders to walk: a marketplace
   * plugin's `skills/`, which a walk of the whole tree (when there are none) finds anyway.
   */
  pluginDirs?: readonly string[];
  /** How folders are read (default: readdirSync; `validate --cache` answers from its snapshot). */
  readDir?: ReadDir;
  /** Folders visited at most (default 200,000); past it the walk stops with a `depth-limit` note. */
  maxDirs?: number;
}

export interface DiscoverResult {
  /** Absolute SKILL.md paths, sorted, unique. */
  skillFiles: string[];
  /** The entries of each skill folder as discovery read them, so the reader need not read them again. */
  entries: Map<string, readonly DirEntry[]>;
  notes: DiscoveryNote[];
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function realOf(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function isDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function discoverSkills(rootArg: string, options: DiscoverOptions): Promise<DiscoverResult> {
  // Absolute, so that display paths are relative to it (displayPath wants both absolute).
  const cwd = path.resolve(options.cwd);
  const root = path.resolve(cwd, rootArg);
  const notes: DiscoveryNote[] = [];
  const found = new Set<string>();
  const show = (p: string) => displayPath(p, cwd);

  let rootStat;
  try {
    rootStat = lstatSync(root);
  } catch {
    notes.push({ kind: 'path-not-found', file: show(root), message: `${show(root)} does not exist`, hint: 'pass a skill folder, a SKILL.md or a repository root' });
    return { skillFiles: [], entries: new Map(), notes };
  }
  const realRoot = realOf(root) ?? root;
  // Anything but a folder (a file, a FIFO, a device, a link to one of those) is a file argument.
  if (!rootStat.isDirectory() && !(rootStat.isSymbolicLink() && isDir(realRoot))) {
    if (path.basename(root) === 'SKILL.md') return { skillFiles: [root], entries: new Map(), notes };
    if (path.basename(root).toLowerCase() === 'skill.md') {
      notes.push(misnamed(show(root)));
      return { skillFiles: [], entries: new Map(), notes };
    }
    notes.push({ kind: 'path-not-found', file: show(root), message: `${show(root)} is not a SKILL.md or a folder`, hint: 'pass a skill folder, a SKILL.md or a repository root' });
    return { skillFiles: [], entries: new Map(), notes };
  }

  let visited = 0;
  const maxDirs = options.maxDirs ?? MAX_DIRS;
  const seenReal = new Set<string>();
  const skillEntries = new Map<string, readonly DirEntry[]>();
  const readDir = options.readDir ?? readDirSync;
  /**
   * Folders reached through a symlink, walked after every other folder: a skill that is both
   * in its plugin (`plugins/p/skills/x`) and linked from an agent folder (`.codex/skills/x ->
   * ../../plugins/p/skills/x`) is read once, under its own path, so it stays in its plugin.
   */
  const linked: Array<[dir: string, real: string, depth: number, skipHidden: boolean]> = [];

  /**
   * Look at one folder: a skill (stop there) or a folder to descend into. `real` is its path
   * with symlinks resolved, carried down so that `realpath` runs only for links. The walk is
   * synchronous: thousands of small readdir calls are much faster without the thread pool.
   */
  const visit = (dir: string, real: string, depth: number, skipHidden: boolean): void => {
    if (++visited > maxDirs) {
      if (visited === maxDirs + 1) notes.push({ kind: 'depth-limit', file: show(dir), message: `stopped after ${maxDirs} folders`, hint: 'validate a smaller folder' });
      return;
    }
    if (seenReal.has(real)) return;
    seenReal.add(real);
    let entries;
    try {
      entries = readDir(dir);
    } catch (e) {
      notes.push({ kind: 'unreadable-dir', file: show(dir), message: `${show(dir)} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (hasSkillMd(entries)) {
      found.add(joinName(dir, 'SKILL.md'));
      skillEntries.set(dir, entries);
      return;
    }
    const lower = entries.find((e) => e.name.toLowerCase() === 'skill.md' && (e.isFile() || e.isSymbolicLink()));
    if (lower) notes.push(misnamed(show(path.join(dir, lower.name))));
    if (depth >= DISCOVERY_DEPTH) return;
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name) || (skipHidden && e.name.startsWith('.'))) continue;
      const child = joinName(dir, e.name);
      if (e.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(child);
        } catch {
          continue; // dangling link: nothing to read
        }
        if (!isInside(target, realRoot)) {
          if (isDir(target)) {
            notes.push({
              kind: 'symlink-outside',
              file: show(child),
              message: `${show(child)} is a symbolic link to a folder outside the tree (${target}); not followed`,
              hint: 'copy the skill into the repository instead of linking to it',
            });
          }
          continue;
        }
        if (isDir(target)) linked.push([child, target, depth + 1, skipHidden]);
      } else if (e.isDirectory()) {
        // Without links on the way the real path is the path: one string (hashed once in the sets) instead of two.
        visit(child, real === dir ? child : joinName(real, e.name), depth + 1, skipHidden);
      }
    }
  };
  const visitLinked = (): void => {
    // A linked folder may hold links of its own: they join the end of the list.
    for (let i = 0; i < linked.length; i++) visit(...linked[i]!);
  };
  // A SKILL.md at the root makes the root one skill, as the `skills` CLI does.
  if (exists(path.join(root, 'SKILL.md'))) {
    visit(root, realRoot, DISCOVERY_DEPTH, false);
    return { skillFiles: [...found].sort(), entries: skillEntries, notes };
  }
  const containers: string[] = [];
  for (const c of SKILL_CONTAINERS) {
    const abs = path.join(root, c);
    if (exists(abs)) containers.push(abs);
  }
  for (const extra of options.extraDirs ?? []) containers.push(extra);
  if (containers.length > 0) {
    const listed = new Set(containers);
    for (const dir of options.pluginDirs ?? []) if (!listed.has(dir)) containers.push(dir);
  }
  if (containers.length === 0) {
    visit(root, realRoot, 0, true);
  } else {
    for (const c of containers) {
      const target = realOf(c);
      if (!target || !isInside(target, realRoot)) {
        notes.push({
          kind: 'symlink-outside',
          file: show(c),
          message: `${show(c)} is a symbolic link that leaves the tree${target ? ` (${target})` : ''}; not followed`,
          hint: 'copy the skills into the repository instead of linking to them',
        });
        continue;
      }
      if (!isDir(target)) continue;
      // A container that is itself a link (`.claude/skills -> ../plugins/p/skills`) waits too.
      if (target === path.join(realRoot, path.relative(root, c))) visit(c, target, 0, false);
      else linked.push([c, target, 0, false]);
    }
  }
  visitLinked();
  return { skillFiles: [...found].sort(), entries: skillEntries, notes };
}

/** A loop rather than `entries.some(callback)`: it runs for every folder visited. */
function hasSkillMd(entries: readonly DirEntry[]): boolean {
  for (let i = 0; i < entries.length; i++) if (entries[i]!.name === 'SKILL.md') return true;
  return false;
}

function misnamed(file: string): DiscoveryNote {
  return {
    kind: 'misnamed-skill-file',
    file,
    message: `${file} is not named SKILL.md; agents look for the exact upper-case name and will not load it`,
    hint: 'rename the file to SKILL.md',
  };
}
