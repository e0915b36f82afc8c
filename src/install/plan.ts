/**
 * The install planner. PURE: given the source skills, what the target folders hold, the lock
 * file and the options, it decides per skill and folder what happens, file by file, and
 * what the lock file becomes. `--dry-run` prints this; `apply` carries it out.
 *
 * The one rule that matters: a folder whose files differ from what was installed (its hash
 * is not the lock's) is never replaced without `--force`, and with `--force` it is kept as a
 * named backup. "What was installed" is the lock entry's hash; a folder with no lock entry
 * is someone else's, and is treated the same way.
 */
import path from 'node:path';
import type { Diagnostic } from '../types.js';
import { lockEntry, withEntry, type LockFile } from './lock.js';
import { BACKUP_DIR, type FolderState, type InstalledState } from './target.js';
import type { TreeEntry } from './tree.js';
import { checkVersionFit, findClaims, type ClaimSource, type ProjectDependencies } from './version-fit.js';
import { append } from '../append.js';

export type Action = 'create' | 'update' | 'unchanged' | 'conflict' | 'refused';

export interface FileChange {
  /** Relative to the skill folder, `/` separators. */
  path: string;
  kind: TreeEntry['kind'];
  change: 'add' | 'replace' | 'keep' | 'delete';
}

export interface PlanItem {
  skill: string;
  /** Absolute skills folder. */
  targetDir: string;
  agents: string[];
  /** Absolute path of the skill's folder (or link) inside targetDir. */
  dest: string;
  /** `copy`: a real folder; `link`: a relative symlink to the shared copy (`--symlink`). */
  mode: 'copy' | 'link';
  /** For `link`: the link text. */
  linkTarget?: string;
  action: Action;
  /** Why: for conflict and refused, the problem; for update, what is being replaced. */
  reason?: string;
  hint?: string;
  /** What is moved away when the entry is replaced. */
  replaces?: 'dir' | 'symlink' | 'other';
  /** Where the replaced entry is kept (`--force` over local changes). */
  backup?: string;
  /** An untouched copy in a folder not asked for, updated with the others (see PlanTarget.followOnly). */
  follows?: true;
  files: FileChange[];
}

export interface PlanSkill {
  name: string;
  /** Real path of the source skill folder. */
  dir: string;
  /** Display path of its SKILL.md (for warnings). */
  file: string;
  entries: readonly TreeEntry[];
  hash: string;
  /** Frontmatter text that may name library versions. */
  claims: readonly ClaimSource[];
}

export interface PlanTarget {
  folder: FolderState;
  agents: string[];
  mode: 'copy' | 'link';
  /** For `link` targets: the real path of the folder that holds the shared copies. */
  canonicalRealDir?: string;
  /** Existing entry per skill name. Missing = absent. */
  existing: ReadonlyMap<string, InstalledState>;
  /**
   * A folder of another agent in the scope, not asked for: the lock file records one version
   * of a skill, so an untouched copy there follows an update (else it would look changed
   * locally from then on). Nothing else happens there: no create, no conflict.
   */
  followOnly?: boolean;
}

export interface PlanInput {
  skills: readonly PlanSkill[];
  targets: readonly PlanTarget[];
  lock: LockFile;
  /** Absolute source recorded in the lock (the repository or folder installed from). */
  source: string;
  force: boolean;
  /** `20260101T120000Z`: names backups. */
  stamp: string;
  /** ISO time for the global lock's timestamps. */
  now: string;
  /** The project's dependencies for the version-fit check; null to skip it. */
  deps: ProjectDependencies | null;
}

export interface LockChange {
  skill: string;
  change: 'add' | 'update';
}

export interface InstallPlan {
  items: PlanItem[];
  lock: { before: LockFile; after: LockFile; changes: LockChange[] };
  warnings: Diagnostic[];
}

/** How an existing entry relates to the source and to what the lock says was installed. */
export type Relation = 'absent' | 'same' | 'pristine' | 'modified' | 'untracked' | 'link' | 'other';

function sameEntries(a: readonly TreeEntry[], b: readonly TreeEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind || x.path !== y.path) return false;
    if (x.kind === 'file' && y.kind === 'file' && (x.sha256 !== y.sha256 || x.executable !== y.executable)) return false;
    if (x.kind === 'symlink' && y.kind === 'symlink' && x.target !== y.target) return false;
  }
  return true;
}

/**
 * Relate an installed folder to the source and the lock. `pristine` means "exactly what was
 * installed" (safe to replace); links inside a skill hold no data and do not count, but a
 * `.git` or `node_modules` folder or a special file does (the hash cannot see them, so a
 * replace would lose them silently).
 */
export function relate(state: InstalledState, source: { entries: readonly TreeEntry[] }, lockHash: string | undefined): Relation {
  switch (state.kind) {
    case 'absent':
      return 'absent';
    case 'symlink':
      return 'link';
    case 'other':
      return 'other';
    case 'dir': {
      const t = state.tree;
      if (!t.truncated && sameEntries(t.entries, source.entries)) return 'same';
      if (lockHash === undefined) return 'untracked';
      if (!t.truncated && t.unhashed.length === 0 && t.hash === lockHash) return 'pristine';
      return 'modified';
    }
  }
}

function diffFiles(source: readonly TreeEntry[], installed: readonly TreeEntry[] | null): FileChange[] {
  const old = new Map((installed ?? []).map((e) => [e.path, e]));
  const out: FileChange[] = [];
  for (const e of source) {
    const prev = old.get(e.path);
    old.delete(e.path);
    if (prev === undefined) out.push({ path: e.path, kind: e.kind, change: 'add' });
    else if (sameEntries([prev], [e])) out.push({ path: e.path, kind: e.kind, change: 'keep' });
    else out.push({ path: e.path, kind: e.kind, change: 'replace' });
  }
  for (const e of old.values()) out.push({ path: e.path, kind: e.kind, change: 'delete' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

/**
 * Why the lock cannot vouch for what is there: it has no entry for the skill, or an entry
 * without a usable hash (empty, missing, not a string), which is not the same thing to a user
 * looking at their lock file.
 */
export function untrackedWhy(lock: LockFile, skill: string): { folder: string; link: string } {
  if (lockEntry(lock, skill) === undefined) return { folder: 'not installed by vibe-skills or skills (no lock entry)', link: 'no lock entry' };
  const noHash = 'its lock entry has no usable hash';
  return { folder: `${noHash}, so local changes cannot be ruled out`, link: noHash };
}

const FORCE_HINT = 'run again with --force to replace it; the current folder is then kept as a backup';

function planCopy(skill: PlanSkill, target: PlanTarget, input: PlanInput, lockHash: string | undefined): PlanItem {
  const dest = path.join(target.folder.dir, skill.name);
  const item: PlanItem = { skill: skill.name, targetDir: target.folder.dir, agents: target.agents, dest, mode: 'copy', action: 'create', files: [] };
  const destReal = path.join(target.folder.realDir, skill.name);
  if (target.folder.refused !== undefined) {
    return { ...item, action: 'refused', reason: target.folder.refused, hint: 'install into a folder that stays inside the project (or your home folder for --global)' };
  }
  if (isInside(destReal, skill.dir) || isInside(skill.dir, destReal)) {
    return { ...item, action: 'refused', reason: 'this is the source skill itself (or holds it)', hint: 'install from a different folder than the target' };
  }
  const state = target.existing.get(skill.name) ?? { kind: 'absent' as const };
  const relation = relate(state, skill, lockHash);
  const installedEntries = state.kind === 'dir' ? state.tree.entries : state.kind === 'symlink' ? state.tree?.entries ?? null : null;
  const files = diffFiles(skill.entries, state.kind === 'dir' ? installedEntries : null);
  const backup = (): string => path.join(target.folder.dir, BACKUP_DIR, `${skill.name}-${input.stamp}`);
  switch (relation) {
    case 'absent':
      return { ...item, action: 'create', files };
    case 'same':
      return { ...item, action: 'unchanged', files };
    case 'pristine':
      return { ...item, action: 'update', replaces: 'dir', reason: 'the source changed', files };
    case 'link': {
      const s = state as Extract<InstalledState, { kind: 'symlink' }>;
      // A link (the `skills` CLI's layout) to a folder that already holds exactly this skill works as is.
      if (s.tree !== null && !s.tree.truncated && sameEntries(s.tree.entries, skill.entries)) return { ...item, action: 'unchanged', files: files.map((f) => ({ ...f, change: 'keep' as const })) };
      // A link holds no data: replacing one we (or the skills CLI) made loses nothing. One no
      // lock entry accounts for is the user's own (a skill in development): only with --force.
      if (lockHash === undefined) return untrackedLink(item, s.target, input, backup(), files);
      return { ...item, action: 'update', replaces: 'symlink', reason: `replaces the link to ${s.target}`, files };
    }
    case 'modified':
    case 'untracked':
    case 'other': {
      const reason =
        relation === 'modified'
          ? 'changed after it was installed (its files differ from the lock file)'
          : relation === 'untracked'
            ? `already there, and ${untrackedWhy(input.lock, skill.name).folder}`
            : `already there, and it is ${(state as { what: string }).what}`;
      if (!input.force) return { ...item, action: 'conflict', reason, hint: FORCE_HINT, files };
      return { ...item, action: 'update', replaces: state.kind === 'dir' ? 'dir' : 'other', reason: `${reason}; --force: kept as a backup`, backup: backup(), files };
    }
  }
}

/** A link to the skill that no lock entry accounts for: the user's own, replaced only with --force (the link kept as a backup). */
function untrackedLink(item: PlanItem, target: string, input: PlanInput, backup: string, files: FileChange[]): PlanItem {
  const reason = `already there as your own link to ${target} (${untrackedWhy(input.lock, item.skill).link})`;
  if (!input.force) return { ...item, action: 'conflict', reason, hint: 'run again with --force to replace it; the link is then kept as a backup (its target is not touched)', files };
  return { ...item, action: 'update', replaces: 'symlink', reason: `${reason}; --force: kept as a backup`, backup, files };
}

function planLink(skill: PlanSkill, target: PlanTarget, input: PlanInput, lockHash: string | undefined, canonical: PlanItem | undefined): PlanItem {
  const dest = path.join(target.folder.dir, skill.name);
  const canonicalReal = path.join(target.canonicalRealDir ?? '', skill.name);
  const linkTarget = path.relative(target.folder.realDir, canonicalReal).split(path.sep).join('/');
  const item: PlanItem = { skill: skill.name, targetDir: target.folder.dir, agents: target.agents, dest, mode: 'link', linkTarget, action: 'create', files: [] };
  if (target.folder.refused !== undefined) {
    return { ...item, action: 'refused', reason: target.folder.refused, hint: 'install into a folder that stays inside the project (or your home folder for --global)' };
  }
  if (canonical === undefined || canonical.action === 'conflict' || canonical.action === 'refused') {
    return { ...item, action: 'refused', reason: `the shared copy of ${skill.name} could not be installed, so there is nothing to link to` };
  }
  const state = target.existing.get(skill.name) ?? { kind: 'absent' as const };
  if (state.kind === 'symlink' && (state.target === linkTarget || state.resolved === canonicalReal)) return { ...item, action: 'unchanged' };
  if (state.kind === 'absent') return item;
  if (state.kind === 'symlink') {
    if (lockHash === undefined) return untrackedLink(item, state.target, input, path.join(target.folder.dir, BACKUP_DIR, `${skill.name}-${input.stamp}`), []);
    return { ...item, action: 'update', replaces: 'symlink', reason: `replaces the link to ${state.target}` };
  }
  const relation = relate(state, skill, lockHash);
  if (relation === 'same' || relation === 'pristine') return { ...item, action: 'update', replaces: 'dir', reason: 'replaces the copy with a link to the shared copy' };
  const reason =
    relation === 'modified'
      ? 'changed after it was installed (its files differ from the lock file)'
      : relation === 'untracked'
        ? `already there, and ${untrackedWhy(input.lock, skill.name).folder}`
        : 'already there, and not a skill folder';
  if (!input.force) return { ...item, action: 'conflict', reason, hint: FORCE_HINT };
  return {
    ...item,
    action: 'update',
    replaces: state.kind === 'dir' ? 'dir' : 'other',
    reason: `${reason}; --force: kept as a backup`,
    backup: path.join(target.folder.dir, BACKUP_DIR, `${skill.name}-${input.stamp}`),
  };
}

function versionWarnings(skills: readonly PlanSkill[], deps: ProjectDependencies | null): Diagnostic[] {
  if (deps === null || deps.ranges.size === 0) return [];
  const out: Diagnostic[] = [];
  for (const skill of skills) {
    const mismatches = checkVersionFit(findClaims(skill.claims, deps.ranges.keys()), deps);
    for (const m of mismatches) {
      out.push({
        ruleId: 'version-fit',
        severity: 'warning',
        message: `${skill.name} is written for ${m.claim.pkg} ${m.claim.range} (${m.claim.field}), but package.json depends on ${m.claim.pkg} ${m.projectRange}`,
        file: skill.file,
        line: m.claim.pos.line,
        column: m.claim.pos.column,
        hint: `its code may not work with ${m.claim.pkg} ${m.projectRange}; upgrade ${m.claim.pkg} to ${m.claim.range}, or use a skill written for your version`,
      });
    }
  }
  return out;
}

export function planInstall(input: PlanInput): InstallPlan {
  const items: PlanItem[] = [];
  let lock = input.lock;
  const changes: LockChange[] = [];
  for (const skill of input.skills) {
    const entry = lockEntry(input.lock, skill.name);
    const lockHash = entry?.hash;
    const asked = input.targets.filter((t) => t.followOnly !== true);
    const copies = asked.filter((t) => t.mode === 'copy').map((t) => planCopy(skill, t, input, lockHash));
    // Links point at the shared copy; with several copy targets the first is the shared one.
    const canonical = copies[0];
    const links = asked.filter((t) => t.mode === 'link').map((t) => planLink(skill, t, input, lockHash, canonical));
    append(append(items, copies), links);
    if (copies.some((i) => i.action === 'create' || i.action === 'update')) {
      for (const t of input.targets) {
        if (t.followOnly !== true || t.folder.refused !== undefined) continue;
        if (relate(t.existing.get(skill.name) ?? { kind: 'absent' }, skill, lockHash) === 'pristine') items.push({ ...planCopy(skill, t, input, lockHash), follows: true });
      }
    }
    const installed = copies.some((i) => i.action === 'create' || i.action === 'update' || i.action === 'unchanged');
    if (!installed) continue;
    const next = withEntry(lock, skill.name, { source: input.source, hash: skill.hash, now: input.now });
    const before = input.lock.data.skills[skill.name];
    const after = next.data.skills[skill.name];
    if (before !== undefined && lockEntriesEqual(before, after ?? {})) continue;
    lock = next;
    changes.push({ skill: skill.name, change: before === undefined ? 'add' : 'update' });
  }
  return { items, lock: { before: input.lock, after: lock, changes }, warnings: versionWarnings(input.skills, input.deps) };
}

/** Equal for the lock's purpose: timestamps of the global lock do not make an entry differ. */
function lockEntriesEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (o: Record<string, unknown>) => JSON.stringify(Object.entries(o).filter(([k]) => k !== 'installedAt' && k !== 'updatedAt'));
  return strip(a) === strip(b);
}

export function planChangesAnything(plan: InstallPlan): boolean {
  return plan.lock.changes.length > 0 || plan.items.some((i) => i.action === 'create' || i.action === 'update');
}
