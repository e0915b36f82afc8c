/**
 * `remove()`: the library form of `vibe-skills remove`. Removes a skill's folders exactly as
 * they were installed (their files still hash to the lock entry) and then its lock entry,
 * once no agent folder in the scope holds it any more. A folder changed since install, or one
 * no lock entry accounts for, stays unless `force` (then it is kept as a backup).
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../types.js';
import { AGENTS, defaultAgentIds, groupTargets, projectMarker, type Scope } from './agents.js';
import { recoverFolder, removeEntry, writeFileAtomic, type RecoveryAction } from './apply.js';
import { checkAgentIds, checkNameList, checkNow, environment, lockFolders, lockPathFor, lockScope, lockWriteDiagnostic, readLockFile, stampOf, type CommonOptions } from './context.js';
import { InstallError } from './errors.js';
import type { Mutex } from './mutex.js';
import { lockEntry, serializeLock, withoutEntry, type LockEntryView } from './lock.js';
import { untrackedWhy } from './plan.js';
import { BACKUP_DIR, mergeSameFolders, readFolderState, readInstalled, type FolderState } from './target.js';

export interface RemoveOptions extends CommonOptions {
  skills: readonly string[];
  /** Only these agents' folders. Default: every agent folder in the scope. */
  agents?: readonly string[];
  global?: boolean;
  /** Remove changed or untracked folders too (kept as backups). */
  force?: boolean;
  dryRun?: boolean;
  now?: Date;
}

export interface RemoveItem {
  skill: string;
  targetDir: string;
  agents: string[];
  dest: string;
  kind: 'dir' | 'symlink' | 'other';
  /** remove: (would be) removed; conflict: changed or untracked, needs force; refused: unsafe. */
  outcome: 'remove' | 'conflict' | 'refused' | 'failed';
  reason?: string;
  hint?: string;
  backup?: string;
  /** Removed, but clearing it away did not finish: what is left and where. */
  warning?: string;
}

export interface RemoveResult {
  ok: boolean;
  dryRun: boolean;
  scope: Scope;
  items: RemoveItem[];
  /** Lock entries removed (with dryRun: that would be). */
  lockRemoved: string[];
  /** Requested skills found in no folder and not in the lock. */
  notInstalled: string[];
  diagnostics: Diagnostic[];
  lockFile: string;
  recovered: RecoveryAction[];
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent + path.sep);
}

/**
 * Whether an agent folder without a dot (`skills/` of openclaw, `agent/skills/` of eve), which
 * remove does not look at unless named, still holds an installed copy of the skill: one whose
 * files hash to the lock entry. A copy inside the entry's own source is that source (a skill
 * repository's `skills/`), not an install.
 */
async function heldInPlainFolder(skill: string, entry: LockEntryView, cwd: string, items: readonly RemoveItem[]): Promise<boolean> {
  if (entry.hash === undefined) return false;
  for (const agent of AGENTS) {
    if (projectMarker(agent) !== null) continue;
    const dest = path.join(cwd, ...agent.projectDir.split('/'), skill);
    if (items.some((i) => i.dest === dest && i.outcome === 'remove')) continue;
    if (entry.localSource !== undefined && isInside(dest, entry.localSource)) continue;
    const state = await readInstalled(dest);
    if (state.kind === 'dir' && state.tree.hash === entry.hash) return true;
  }
  return false;
}

export async function remove(options: RemoveOptions): Promise<RemoveResult> {
  checkNameList(options?.skills, 'skills', true);
  checkNameList(options.agents, 'agents', false);
  checkNow(options.now);
  const e = environment(options);
  const scope: Scope = options.global === true ? 'global' : 'project';
  const dryRun = options.dryRun === true;
  const force = options.force === true;
  const stamp = stampOf(options.now ?? new Date());
  if (options.skills.length === 0) throw new InstallError('name at least one skill to remove', 'e.g. vibe-skills remove background-jobs');
  const bad = options.skills.filter((s) => !NAME.test(s));
  if (bad.length > 0) {
    throw new InstallError(`${bad.map((b) => JSON.stringify(b)).join(', ')} is not a skill name`, 'skill names are lowercase letters, digits and hyphens, like background-jobs');
  }
  if (options.agents !== undefined && options.agents.length > 0) checkAgentIds(options.agents);
  const named = options.agents !== undefined && options.agents.length > 0;
  // Folders that count as "still holds the skill": the default set plus any named agent's.
  // One entry per real folder (`.claude/skills -> ../.agents/skills` is one folder): removing
  // "both" would fail on the second. The named agents' folders are picked from the same list.
  const all = await mergeSameFolders(groupTargets([...new Set([...defaultAgentIds(scope), ...(named ? options.agents! : [])])], scope, e).targets);
  const chosen = named ? all.filter((t) => t.agents.some((a) => options.agents!.includes(a))) : all;
  const lockFile = lockPathFor(scope, e);
  const result: RemoveResult = { ok: false, dryRun, scope, items: [], lockRemoved: [], notInstalled: [], diagnostics: [], lockFile, recovered: [] };

  const mutex = dryRun ? undefined : await lockScope(lockFile, e, options.onWait);
  let folderMutex: Mutex | undefined;
  try {
    folderMutex = dryRun ? undefined : await lockFolders(chosen.map((t) => ({ ...t, existingOnly: true })), e, options.onWait);
    const lockRead = await readLockFile(scope, lockFile, e);
    if ('error' in lockRead) {
      result.diagnostics.push(lockRead.error);
      return result;
    }
    const lock = lockRead.lock;
    const folders = new Map<string, FolderState>();
    for (const t of all) {
      let folder = await readFolderState(t.dir, t.root);
      if (!folder.exists && folder.refused === undefined) continue;
      if (!dryRun && folder.refused === undefined && folder.leftovers.length > 0 && chosen.some((c) => c.dir === t.dir)) {
        result.recovered.push(...(await recoverFolder(folder, stamp)));
        folder = await readFolderState(t.dir, t.root);
      }
      folders.set(t.dir, folder);
    }

    const skills = [...new Set(options.skills)];
    for (const skill of skills) {
      const hash = lockEntry(lock, skill)?.hash;
      const planned: RemoveItem[] = [];
      for (const t of chosen) {
        const folder = folders.get(t.dir);
        if (folder === undefined) continue;
        const dest = path.join(t.dir, skill);
        if (folder.refused !== undefined) {
          // Never read or written through (it leads outside the project); when it holds the
          // skill (one lstat, nothing read), say why that copy stays.
          if ((await lstat(dest).catch(() => undefined)) === undefined) continue;
          planned.push({ skill, targetDir: t.dir, agents: t.agents, dest, kind: 'other', outcome: 'refused', reason: folder.refused, hint: 'remove the skill there by hand, or make the folder a real one inside the project' });
          continue;
        }
        const state = await readInstalled(dest);
        if (state.kind === 'absent') continue;
        const item: RemoveItem = { skill, targetDir: t.dir, agents: t.agents, dest, kind: state.kind === 'dir' ? 'dir' : state.kind === 'symlink' ? 'symlink' : 'other', outcome: 'remove' };
        if (state.kind === 'symlink' && hash !== undefined) {
          planned.push(item); // a link holds nothing; removing it leaves its target alone
          continue;
        }
        const pristine = state.kind === 'dir' && hash !== undefined && !state.tree.truncated && state.tree.unhashed.length === 0 && state.tree.hash === hash;
        if (pristine) {
          planned.push(item);
          continue;
        }
        const reason =
          state.kind === 'symlink'
            ? `your own link to ${state.target} (${untrackedWhy(lock, skill).link})`
            : state.kind !== 'dir'
            ? 'not a skill folder'
            : hash === undefined
              ? untrackedWhy(lock, skill).folder
              : 'changed after it was installed (its files differ from the lock file)';
        if (!force) planned.push({ ...item, outcome: 'conflict', reason, hint: 'run again with --force to remove it anyway; it is then kept as a backup' });
        else planned.push({ ...item, reason: `${reason}; --force: kept as a backup`, backup: path.join(t.dir, BACKUP_DIR, `${skill}-${stamp}`) });
      }
      // A folder other agents link to must not vanish under them.
      const removing = planned.filter((p) => p.outcome === 'remove' && p.kind === 'dir');
      if (removing.length > 0) {
        const realRemoving = new Map<string, RemoveItem>();
        for (const r of removing) realRemoving.set(await realpath(r.dest).catch(() => r.dest), r);
        for (const t of all) {
          if (planned.some((p) => p.targetDir === t.dir && p.outcome === 'remove')) continue;
          const dest = path.join(t.dir, skill);
          const st = await lstat(dest).catch(() => undefined);
          if (!st?.isSymbolicLink()) continue;
          const to = await realpath(dest).catch(() => null);
          if (to === null) continue;
          for (const [real, r] of realRemoving) {
            if (!isInside(to, real)) continue;
            r.outcome = 'refused';
            r.reason = `${dest} links to it`;
            r.hint = 'remove the skill from every agent (without --agent), or include the linking agent';
          }
        }
      }
      if (planned.length === 0 && hash === undefined && lockEntry(lock, skill) === undefined) result.notInstalled.push(skill);
      result.items.push(...planned);
    }

    if (!dryRun) {
      for (const item of result.items) {
        if (item.outcome !== 'remove') continue;
        try {
          const done = await removeEntry(item.dest, item.skill, item.backup);
          if (done.backup !== undefined) item.backup = done.backup;
          else delete item.backup;
          if (done.warning !== undefined) item.warning = done.warning;
        } catch (err) {
          item.outcome = 'failed';
          item.reason = (err as Error).message;
        }
      }
    }

    // Drop a lock entry once no folder in the scope holds the skill.
    let next = lock;
    for (const skill of skills) {
      const entry = lockEntry(lock, skill);
      if (entry === undefined) continue;
      let remaining = false;
      for (const t of all) {
        const dest = path.join(t.dir, skill);
        const goes = result.items.some((i) => i.dest === dest && i.outcome === 'remove');
        if (goes) continue;
        if ((await lstat(dest).catch(() => undefined)) !== undefined) remaining = true;
      }
      if (remaining || (scope === 'project' && (await heldInPlainFolder(skill, entry, e.cwd, result.items)))) continue;
      next = withoutEntry(next, skill);
      result.lockRemoved.push(skill);
    }
    if (!dryRun && result.lockRemoved.length > 0) {
      try {
        await writeFileAtomic(lockFile, serializeLock(next));
      } catch (err) {
        const one = result.lockRemoved.length === 1;
        const what = `${result.lockRemoved.join(', ')} ${one ? 'is' : 'are'} removed, but ${path.basename(lockFile)} still lists ${one ? 'it' : 'them'}`;
        result.lockRemoved = [];
        result.diagnostics.push(lockWriteDiagnostic(lockFile, err, e, what));
      }
    }
  } finally {
    await folderMutex?.release();
    await mutex?.release();
  }
  result.ok = result.notInstalled.length === 0 && result.items.every((i) => i.outcome === 'remove') && !result.diagnostics.some((d) => d.severity === 'error');
  return result;
}
