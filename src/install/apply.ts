/**
 * The file-system half of install and remove. Every change to a skill's folder is:
 *
 *   1. write the new skill into `.<name>.vibe-staging-<rand>` beside it, fsync;
 *   2. rename the current folder (if any) aside to `.<name>.vibe-old-<rand>`
 *      (`.vibe-keep-` when it must be kept as a backup);
 *   3. rename the staging folder to `<name>`, fsync the parent;
 *   4. delete the old folder, or move it to `.vibe-skills-backups/<name>-<stamp>`.
 *
 * A kill between any two steps leaves either the old folder or the new one under `<name>`,
 * or, for the instant between steps 2 and 3, the old one under its aside name, which the
 * next run (`recoverFolder`) renames back. POSIX has no atomic exchange of two non-empty
 * folders, so this short window is closed by recovery rather than by the kernel. Stray
 * staging folders are deleted by the next run.
 *
 * Nothing here follows a link: entries are created with exclusive flags inside a staging
 * folder we just created, and links are renamed, never written through.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { InstallPlan, PlanItem } from './plan.js';
import { BACKUP_DIR, leftoverName, parseLeftover, resolveExisting, type FolderState } from './target.js';
import type { SourceTree } from './tree.js';
import { testPause } from './test-hook.js';

export { testPause };

function rand(): string {
  return randomBytes(6).toString('hex');
}

/** fsync a folder so a rename inside it survives a power cut; not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    /* EISDIR/EPERM on some platforms: best effort */
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => undefined)) !== undefined;
}

/** `base`, or `base-2`, `base-3`... whichever does not exist yet. */
async function freeName(base: string): Promise<string> {
  if (!(await exists(base))) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!(await exists(candidate))) return candidate;
  }
}

async function writeTree(staging: string, tree: SourceTree): Promise<void> {
  await mkdir(staging, { mode: 0o755 });
  const contents = new Map(tree.files.map((f) => [f.path, f]));
  const dirs: string[] = [staging];
  // Sorted by path, so a folder always comes before what it holds.
  for (const e of tree.entries) {
    const abs = path.join(staging, ...e.path.split('/'));
    if (e.kind === 'dir') {
      await mkdir(abs, { mode: 0o755 });
      dirs.push(abs);
    } else if (e.kind === 'file') {
      const f = contents.get(e.path);
      if (f === undefined) throw new Error(`internal: no content for ${e.path}`);
      const handle = await open(abs, 'wx', f.executable ? 0o755 : 0o644);
      try {
        await handle.writeFile(f.content);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else if (e.kind === 'symlink') {
      await symlink(e.target, abs);
    }
  }
  for (const d of dirs.reverse()) await syncDir(d);
}

export interface ItemOutcome {
  item: PlanItem;
  /** What happened: the planned action, or `failed`. */
  outcome: PlanItem['action'] | 'failed';
  /** Where the replaced folder was kept, when it was. */
  backup?: string;
  error?: string;
  /** The new version is in place, but cleaning up after it did not finish (what is left, and where). */
  warning?: string;
}

/**
 * The backups folder for `backup` (`<skills folder>/.vibe-skills-backups/<name>-<stamp>`),
 * made ready before anything changes: created when missing; refused when it is a symbolic
 * link or not a folder (a rename would follow the link out of the project), or when it is on
 * another file system (the rename into it would fail after the new version is in place).
 */
async function backupFolder(backup: string): Promise<void> {
  const dir = path.dirname(backup);
  let st = await lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (st === undefined) {
    await mkdir(dir, { mode: 0o755 });
    st = await lstat(dir);
  }
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new Error(`${dir} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; no backup is moved there (rename it away and run again)`);
  }
  if (st.dev !== (await lstat(path.dirname(dir))).dev) {
    throw new Error(`${dir} is on another file system than the skills folder; no backup can be moved there (rename it away and run again)`);
  }
}

/** After the commit point: drop the aside folder or move it to the backups; a failure is a warning, not a failed item. */
async function retire(aside: string, backup: string | undefined): Promise<{ backup?: string; warning?: string }> {
  try {
    if (backup === undefined) {
      await rm(aside, { recursive: true, force: true });
      return {};
    }
    const kept = await freeName(backup);
    await rename(aside, kept);
    await syncDir(path.dirname(aside));
    return { backup: kept };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return {
      warning:
        backup === undefined
          ? `the previous version could not be deleted (${code}): what is left of it is in ${aside}; delete it when you can`
          : `the previous folder could not be moved to the backups (${code}); it is kept as ${aside}`,
    };
  }
}

async function ensureFolder(item: PlanItem, expectedReal: string): Promise<void> {
  // The folder was checked when planning; make sure nobody swapped a link in on the way
  // since, before creating anything (mkdir -p would follow it) and after.
  const check = async () => {
    const real = await resolveExisting(item.targetDir);
    if (real !== expectedReal) throw new Error(`${item.targetDir} now resolves to ${real}; refusing to write`);
  };
  await check();
  await mkdir(item.targetDir, { recursive: true });
  await check();
}

/** Move whatever is at `dest` aside, put `ready` in its place (the commit point), then drop or keep the old one. */
async function swapIn(item: PlanItem, ready: string): Promise<{ backup?: string; warning?: string }> {
  const parent = item.targetDir;
  if (item.replaces === undefined) {
    await rename(ready, item.dest);
    await syncDir(parent);
    await testPause('renamed', item.skill);
    return {};
  }
  const aside = path.join(parent, leftoverName(item.skill, item.backup !== undefined ? 'keep' : 'old', rand()));
  await rename(item.dest, aside);
  await syncDir(parent);
  await testPause('moved-aside', item.skill);
  await rename(ready, item.dest);
  await syncDir(parent);
  await testPause('renamed', item.skill);
  return retire(aside, item.backup);
}

async function applyItem(item: PlanItem, tree: SourceTree | undefined, folderReal: string): Promise<ItemOutcome> {
  if (item.action !== 'create' && item.action !== 'update') return { item, outcome: item.action };
  let ready: string | undefined;
  try {
    await ensureFolder(item, folderReal);
    if (item.backup !== undefined) await backupFolder(item.backup);
    if (item.mode === 'link') {
      ready = path.join(item.targetDir, leftoverName(item.skill, 'link', rand()));
      await symlink(item.linkTarget ?? '', ready);
    } else {
      if (tree === undefined) throw new Error(`internal: no source for ${item.skill}`);
      ready = path.join(item.targetDir, leftoverName(item.skill, 'staging', rand()));
      await writeTree(ready, tree);
      await syncDir(item.targetDir);
      await testPause('staged', item.skill);
    }
    return { item, outcome: item.action, ...(await swapIn(item, ready)) };
  } catch (e) {
    // Not in place: what was staged goes (the next run's recovery deletes it if this cannot).
    if (ready !== undefined) await rm(ready, { recursive: true, force: true }).catch(() => undefined);
    return { item, outcome: 'failed', error: (e as Error).message };
  }
}

/** Carry out a plan's items (not the lock file). Copies go first: links point at them. */
export async function applyItems(plan: InstallPlan, trees: ReadonlyMap<string, SourceTree>, folderReals: ReadonlyMap<string, string>): Promise<ItemOutcome[]> {
  const order = [...plan.items].sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'copy' ? -1 : 1));
  const outcomes = new Map<PlanItem, ItemOutcome>();
  for (const item of order) {
    const real = folderReals.get(item.targetDir) ?? item.targetDir;
    outcomes.set(item, await applyItem(item, trees.get(item.skill), real));
  }
  return plan.items.map((i) => outcomes.get(i)!);
}

/**
 * Remove one skill entry: rename it aside (the commit point), then delete it or move it to
 * the backups. One to be kept goes aside as `keep`, which an interrupted run's recovery puts
 * back (its lock entry is still there), never as `removing`, which recovery deletes.
 */
export async function removeEntry(dest: string, skill: string, backup: string | undefined): Promise<{ backup?: string; warning?: string }> {
  const parent = path.dirname(dest);
  if (backup !== undefined) await backupFolder(backup);
  const aside = path.join(parent, leftoverName(skill, backup !== undefined ? 'keep' : 'removing', rand()));
  await rename(dest, aside);
  await syncDir(parent);
  await testPause('removing', skill);
  return retire(aside, backup);
}

/** Write a file so that readers see the old text or the new one, never half of it. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.vibe-tmp-${rand()}`;
  const handle = await open(tmp, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    // A full disk or an unwritable lock file: leave no half-written temp file behind.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(path.dirname(file));
}

/**
 * Delete the temporary files an interrupted lock-file write left beside it. Only what
 * `writeFileAtomic` makes counts (its exact name shape, a regular file): anything else with a
 * similar name is not ours and is left alone. One that cannot be deleted is reported, and
 * harms nothing (each write picks a fresh name).
 */
export async function cleanLockTemps(lockFile: string): Promise<RecoveryAction[]> {
  const dir = path.dirname(lockFile);
  const prefix = `${path.basename(lockFile)}.vibe-tmp-`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const actions: RecoveryAction[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix) || !/^[0-9a-f]{12}$/.test(n.slice(prefix.length))) continue;
    const abs = path.join(dir, n);
    if ((await lstat(abs).catch(() => undefined))?.isFile() !== true) continue;
    try {
      await rm(abs, { force: true });
      actions.push({ path: abs, action: 'deleted' });
    } catch (e) {
      actions.push({ path: abs, action: 'failed', error: (e as Error).message });
    }
  }
  return actions;
}

export interface RecoveryAction {
  path: string;
  action: 'deleted' | 'restored' | 'backed-up' | 'failed';
  /** For `restored` and `backed-up`: where it went. */
  to?: string;
  /** For `failed`: why (the leftover stays; the run goes on). */
  error?: string;
}

/**
 * Finish or undo what an interrupted run left in a skills folder. Runs under the mutex.
 * - staging folders and staged links: deleted (the new version never got in place);
 * - an aside copy whose skill folder is missing: renamed back (the old version returns);
 * - an aside copy whose skill folder exists: deleted (`old`) or moved to the backups (`keep`);
 * - a folder being removed: deleted (the rename was the commit point).
 */
export async function recoverFolder(folder: FolderState, stamp: string): Promise<RecoveryAction[]> {
  const actions: RecoveryAction[] = [];
  const leftovers = [...folder.leftovers].sort((a, b) => (a.entry < b.entry ? -1 : 1));
  for (const l of leftovers) {
    const abs = path.join(folder.dir, l.entry);
    try {
      if (!(await exists(abs))) continue;
      const dest = path.join(folder.dir, l.skill);
      if (l.kind === 'staging' || l.kind === 'link' || l.kind === 'removing') {
        await rm(abs, { recursive: true, force: true });
        actions.push({ path: abs, action: 'deleted' });
      } else if (!(await exists(dest))) {
        await rename(abs, dest);
        actions.push({ path: abs, action: 'restored', to: dest });
      } else if (l.kind === 'keep') {
        const backup = path.join(folder.dir, BACKUP_DIR, `${l.skill}-${stamp}`);
        await backupFolder(backup);
        const kept = await freeName(backup);
        await rename(abs, kept);
        actions.push({ path: abs, action: 'backed-up', to: kept });
      } else {
        await rm(abs, { recursive: true, force: true });
        actions.push({ path: abs, action: 'deleted' });
      }
    } catch (e) {
      // A leftover this run cannot clear (permissions, another file system) must not stop
      // every later run: it is reported, kept, and tried again next time.
      actions.push({ path: abs, action: 'failed', error: (e as Error).message });
    }
  }
  if (actions.length > 0) await syncDir(folder.dir);
  return actions;
}

export { parseLeftover };
