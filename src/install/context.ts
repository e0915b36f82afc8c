/**
 * What install, remove and list share: the environment, choosing agents, the lock file, the
 * mutex path. Edges (they read the disk), kept small.
 */
import { lstat, mkdir, rmdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { displayPath } from '../skill/read.js';
import type { Diagnostic } from '../types.js';
import { AGENTS, findAgent, globalMarker, projectMarker, type Environment, type Scope } from './agents.js';
import { InstallError } from './errors.js';
import { emptyLock, globalLockPath, parseLock, projectLockPath, type LockFile } from './lock.js';
import { acquireMutex, MutexForeignHostError, MutexTimeoutError, type Mutex } from './mutex.js';
import { readFolderState } from './target.js';
import { readRegularFile } from './tree.js';

/** Far above any real lock file (a skill's entry is some 150 bytes), well below the longest string Node holds. */
const MAX_LOCK_BYTES = 256 * 1024 * 1024;

export interface CommonOptions {
  /** Project root. Default: process.cwd(). */
  cwd?: string;
  /** Home folder for global scope. Default: os.homedir(). */
  home?: string;
  /** Environment (CLAUDE_CONFIG_DIR, XDG_*). Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Called when another vibe-skills run holds a lock this one needs and this one waits for it
   * (up to 2 minutes): the lock file and who holds it. The CLI prints it, so a wait never looks
   * like a hang; the library itself prints nothing.
   */
  onWait?: (event: { file: string; owner: string }) => void;
}

/**
 * Options as a JavaScript caller may pass them: `skills: 'background-jobs'` (a string, not a
 * list) or a missing `skills` is an InstallError that says what to pass, not a TypeError from
 * deep inside.
 */
export function checkNameList(value: unknown, option: 'skills' | 'agents', required: boolean): void {
  if (value === undefined && !required) return;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return;
  const [what, example] = option === 'skills' ? ['skill names', "skills: ['background-jobs']"] : ['agent ids', "agents: ['claude-code']"];
  throw new InstallError(`options.${option} must be an array of ${what}`, `e.g. { ${example} }`);
}

/** `now` (backup names, lock timestamps) as a JavaScript caller may pass it: a Date that is one. */
export function checkNow(now: unknown): void {
  if (now !== undefined && !(now instanceof Date && !Number.isNaN(now.getTime()))) throw new InstallError('options.now must be a valid Date', 'leave it out for the current time');
}

export function environment(options: CommonOptions): Environment {
  for (const key of ['cwd', 'home'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'string') throw new InstallError(`options.${key} must be a folder path`, `leave it out for the default (${key === 'cwd' ? 'the working directory' : 'the home folder'})`);
  }
  return {
    cwd: path.resolve(options.cwd ?? process.cwd()),
    home: path.resolve(options.home ?? os.homedir()),
    env: options.env ?? process.env,
  };
}

/** A path for messages: relative inside the project, `~/...` inside home, else absolute. */
export function showPath(p: string, e: Environment): string {
  const rel = path.relative(e.cwd, p);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return displayPath(p, e.cwd);
  const relHome = path.relative(e.home, p);
  if (relHome === '') return '~';
  if (!relHome.startsWith('..') && !path.isAbsolute(relHome)) return `~/${relHome.split(path.sep).join('/')}`;
  return p.split(path.sep).join('/');
}

export function checkAgentIds(ids: readonly string[]): void {
  const unknown = ids.filter((id) => findAgent(id) === undefined);
  if (unknown.length === 0) return;
  const known = AGENTS.map((a) => a.id);
  const near = unknown
    .map((u) => known.find((k) => k.startsWith(u) || u.startsWith(k) || k.includes(u)))
    .filter((k): k is string => k !== undefined);
  throw new InstallError(
    `unknown agent ${unknown.map((u) => `"${u}"`).join(', ')}`,
    near.length > 0 ? `did you mean ${[...new Set(near)].join(', ')}? (vibe-skills install --help lists every agent)` : `known agents: ${known.join(', ')}`,
  );
}

async function isDir(p: string): Promise<boolean> {
  const st = await lstat(p).catch(() => undefined);
  if (st === undefined) return false;
  if (st.isDirectory()) return true;
  // A linked agent folder counts if it leads to a folder.
  if (st.isSymbolicLink()) return stat(p).then((s) => s.isDirectory()).catch(() => false);
  return false;
}

/** Agents whose folder exists: `.claude/` in the project, or `~/.claude/` for global scope. */
export async function detectAgents(scope: Scope, e: Environment): Promise<string[]> {
  const found: string[] = [];
  for (const agent of AGENTS) {
    const marker = scope === 'project' ? projectMarker(agent) : globalMarker(agent, e);
    if (marker === null) continue;
    if (await isDir(scope === 'project' ? path.join(e.cwd, marker) : marker)) found.push(agent.id);
  }
  return found;
}

/** The agents to act on: the ones named, else the detected ones, else an error that says what to do. */
export async function chooseAgents(requested: readonly string[] | undefined, scope: Scope, e: Environment): Promise<string[]> {
  if (requested !== undefined && requested.length > 0) {
    checkAgentIds(requested);
    return [...new Set(requested)];
  }
  const found = await detectAgents(scope, e);
  if (found.length > 0) return found;
  const where = scope === 'project' ? `in ${e.cwd}` : `in ${e.home}`;
  throw new InstallError(
    `no coding agent found ${where} (no .claude/, .agents/, .windsurf/... folder)`,
    'name one: --agent claude-code (or codex, cursor, ...); run `vibe-skills install --help` for the list',
  );
}

export function lockPathFor(scope: Scope, e: Environment): string {
  return scope === 'project' ? projectLockPath(e.cwd) : globalLockPath(e.home, e.env);
}

export async function readLockFile(kind: Scope, file: string, e: Environment): Promise<{ lock: LockFile } | { error: Diagnostic }> {
  let text: string;
  try {
    // A regular file only: a repository can carry `skills-lock.json -> /dev/stdin` (or a FIFO
    // stands there), and reading that would hang install, remove and list.
    text = (await readRegularFile(file, MAX_LOCK_BYTES)).toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return { lock: emptyLock(kind, file) };
    const name = path.basename(file);
    const replace = `move it away (the next install writes a new ${name}) or restore it from version control`;
    const problem: Record<string, [string, string]> = {
      EISDIR: ['is a folder', replace],
      ENOTREG: ['is not a regular file (a FIFO, a device or a link to one)', replace],
      EFBIG: [`is larger than ${MAX_LOCK_BYTES / 1024 / 1024} MiB`, `a lock file is a few KB; ${replace}`],
    };
    const [what, hint] = problem[code] ?? [`cannot be read (${code})`, 'check its permissions'];
    return { error: { ruleId: 'lock-file', severity: 'error', message: `${name} ${what}`, file: showPath(file, e), line: 0, column: 0, hint } };
  }
  return parseLock(kind, file, text, showPath(file, e));
}

/**
 * The lock file could not be written after the skills folders changed: those changes stand
 * (they are the user's skills now), so this is reported as what was done plus what was not,
 * never as a crash. `what` says what is done and what the lock file does not know, e.g. "beta
 * is in place, but skills-lock.json does not record it". Re-running the same command records
 * what is already in place.
 */
export function lockWriteDiagnostic(file: string, err: unknown, e: Environment, what: string): Diagnostic {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const name = path.basename(file);
  const fix: Record<string, string> = {
    ENOSPC: 'free some disk space',
    EDQUOT: 'free some space within your disk quota',
    EROFS: 'make the file system writable',
    EACCES: `check the permissions of ${name} and its folder`,
    EPERM: `check the permissions of ${name} and its folder (and that it is not immutable: lsattr)`,
  };
  return {
    ruleId: 'lock-file',
    severity: 'error',
    message: `${what}: ${name} could not be written (${code})`,
    file: showPath(file, e),
    line: 0,
    column: 0,
    hint: `${fix[code] ?? `fix what stops ${name} from being written`}, then run the same command again: it records what is already in place`,
  };
}

/** Take the scope's mutex, `<lock file>.vibe-lock`, for the whole run. */
export function lockScope(lockFile: string, e: Environment, onWait?: CommonOptions['onWait']): Promise<Mutex> {
  return lockBeside(lockFile, e, onWait);
}

/**
 * Take a mutex for each skills folder the run works in, beside it and keyed by its real path
 * (`.claude/.skills.vibe-lock` for `.claude/skills`), after the scope's mutex. Each scope has its
 * own mutex (beside its own lock file), and two scopes can share a folder: in the home folder
 * the project's `.claude/skills` is the global `~/.claude/skills`, and `CLAUDE_CONFIG_DIR` can
 * point into a project. Without this, a run's recovery there deleted the staging folder of a live
 * run of the other scope. Taken in path order, so no two runs wait for each other in a circle.
 * A folder refused as outside its root gets none (nothing is written there, nor beside it);
 * A folder marked `existingOnly` gets none if it is not there yet (remove, the copies an update
 * follows): nothing is created for it.
 */
export async function lockFolders(folders: ReadonlyArray<{ dir: string; root: string; existingOnly?: boolean }>, e: Environment, onWait?: CommonOptions['onWait']): Promise<Mutex> {
  const bases = new Set<string>();
  for (const f of folders) {
    const state = await readFolderState(f.dir, f.root);
    if (state.refused !== undefined || (f.existingOnly === true && !state.exists)) continue;
    bases.add(path.join(path.dirname(state.realDir), `.${path.basename(state.realDir)}`));
  }
  const held: Mutex[] = [];
  const releaseAll = async (): Promise<void> => {
    for (const m of held.splice(0).reverse()) await m.release();
  };
  try {
    for (const base of [...bases].sort()) held.push(await lockBeside(base, e, onWait));
  } catch (err) {
    await releaseAll();
    throw err;
  }
  return { path: held[0]?.path ?? '', release: releaseAll };
}

/**
 * The mutex `<file>.vibe-lock`, its folder made if needed; failures are InstallErrors with a fix.
 * Folders made for it and still empty on release are removed: a run that fails, or writes nothing
 * there (`.agents/` for a skills folder it never got to), leaves the tree as it found it.
 */
async function lockBeside(lockFile: string, e: Environment, onWait?: CommonOptions['onWait']): Promise<Mutex> {
  const dir = path.dirname(lockFile);
  try {
    for (let attempt = 1; ; attempt++) {
      const made = await mkdir(dir, { recursive: true });
      let mutex: Mutex;
      try {
        mutex = await acquireMutex(`${lockFile}.vibe-lock`, onWait ? { onWait: (owner) => onWait({ file: showPath(`${lockFile}.vibe-lock`, e), owner }) } : {});
      } catch (err) {
        // The run that held it removed the folder it had made as we waited: make it again.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 5) continue;
        throw err;
      }
      if (made === undefined) return mutex;
      return {
        path: mutex.path,
        release: async () => {
          await mutex.release();
          for (let d = dir; ; d = path.dirname(d)) {
            if (!(await rmdir(d).then(() => true, () => false)) || d === made || d === path.dirname(d)) break;
          }
        },
      };
    }
  } catch (err) {
    if (err instanceof MutexTimeoutError) {
      const file = showPath(err.file, e);
      const hint =
        err instanceof MutexForeignHostError
          ? `vibe-skills cannot check from here whether that process still runs; if it does not (a killed container, a lock file committed by mistake), delete ${file}`
          : `wait for it to finish; if no vibe-skills is running, delete ${file}`;
      throw new InstallError(`another vibe-skills process (${err.owner}) holds ${file}`, hint);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    const lock = showPath(`${lockFile}.vibe-lock`, e);
    const folder = showPath(path.dirname(lockFile), e);
    const permissions = `check the permissions of ${folder} and ${lock}`;
    const inTheWay = `a file stands where a folder is needed on the way to ${folder}; move it away`;
    const hints: Record<string, string> = {
      EISDIR: `${lock} is a folder; if no vibe-skills is running, delete it`,
      // Not a file vibe-skills made (a link, a FIFO, something huge): never read through.
      ELOOP: `${lock} is a symbolic link, not a lock vibe-skills made; if no vibe-skills is running, delete it`,
      ENOTREG: `${lock} is not a regular file, not a lock vibe-skills made; if no vibe-skills is running, delete it`,
      EFBIG: `${lock} is too large for a lock vibe-skills made; if no vibe-skills is running, delete it`,
      EACCES: permissions,
      EPERM: permissions,
      EROFS: 'the file system is read-only',
      ENOTDIR: inTheWay,
      EEXIST: inTheWay,
    };
    throw new InstallError(`cannot take the lock ${lock} (${code})`, hints[code] ?? 'check that the folder of the lock file can be written');
  }
}

export function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
