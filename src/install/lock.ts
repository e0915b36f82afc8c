/**
 * Lock files, in the formats the `skills` CLI 1.7.4 reads and writes, so a user can move
 * between the two tools:
 *
 * - project scope: `<project>/skills-lock.json`,
 *   `{ version: 1, skills: { <name>: { source, sourceType, computedHash, ... } } }`, skills
 *   sorted by name, 2-space JSON plus a final newline; a local `source` is stored relative to
 *   the project (`./vendor/pack`, `../pack`) so the file can be committed.
 * - global scope: `$XDG_STATE_HOME/skills/.skill-lock.json`, else `~/.agents/.skill-lock.json`,
 *   `{ version: 3, skills: { <name>: { source, sourceType, sourceUrl, skillFolderHash,
 *   installedAt, updatedAt } }, dismissed, ... }`, 2-space JSON without a final newline.
 *
 * Parsing and serialising are pure. Entries we do not touch are kept exactly as read, unknown
 * fields included. A lock file we cannot read is an error, never silently replaced: the
 * `skills` CLI starts over from an empty lock in that case, which loses every entry.
 */
import path from 'node:path';
import type { Diagnostic } from '../types.js';
import { parseJsonWithPositions } from '../plugin/json.js';

export const PROJECT_LOCK_NAME = 'skills-lock.json';
export const PROJECT_LOCK_VERSION = 1;
export const GLOBAL_LOCK_NAME = '.skill-lock.json';
export const GLOBAL_LOCK_VERSION = 3;

type Json = Record<string, unknown>;

export interface LockFile {
  kind: 'project' | 'global';
  /** Absolute path. */
  path: string;
  /** Whether the file existed when read. */
  exists: boolean;
  /** The whole document (version, skills and any other top-level field), as read. */
  data: Json & { version: number; skills: Record<string, Json> };
}

export interface LockEntryView {
  name: string;
  source?: string;
  sourceType?: string;
  /** `computedHash` (project) or `skillFolderHash` (global); undefined when absent or empty. */
  hash?: string;
  /** For a local source: the absolute source path (resolved against the lock's folder). */
  localSource?: string;
}

export function projectLockPath(cwd: string): string {
  return path.join(cwd, PROJECT_LOCK_NAME);
}

export function globalLockPath(home: string, env: Readonly<Record<string, string | undefined>>): string {
  // The `skills` CLI tests the variable for truthiness, without trimming; so do we. A relative
  // value is invalid by the XDG Base Directory spec (ignored), and would put the lock file
  // wherever the command happens to run.
  const state = env.XDG_STATE_HOME;
  if (state && path.isAbsolute(state)) return path.join(state, 'skills', GLOBAL_LOCK_NAME);
  return path.join(home, '.agents', GLOBAL_LOCK_NAME);
}

export function emptyLock(kind: LockFile['kind'], file: string): LockFile {
  const data =
    kind === 'project'
      ? { version: PROJECT_LOCK_VERSION, skills: {} }
      : { version: GLOBAL_LOCK_VERSION, skills: {}, dismissed: {} };
  return { kind, path: file, exists: false, data };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lockError(displayFile: string, message: string, line = 0, column = 0, hint?: string): Diagnostic {
  return {
    ruleId: 'lock-file',
    severity: 'error',
    message,
    file: displayFile,
    line,
    column,
    hint:
      hint ??
      'Fix the file by hand, or move it away to start a new one; vibe-skills never overwrites a lock file it cannot read.',
  };
}

/** Parse a lock file's text. `displayFile` is the path used in diagnostics. */
export function parseLock(
  kind: LockFile['kind'],
  file: string,
  text: string,
  displayFile: string,
): { lock: LockFile } | { error: Diagnostic } {
  const json = parseJsonWithPositions(text);
  if (!json.ok) {
    const { message, line, column } = json.error;
    return { error: lockError(displayFile, `${path.basename(file)} is not valid JSON: ${message}`, line, column) };
  }
  const parsed = json.data;
  const expected = kind === 'project' ? PROJECT_LOCK_VERSION : GLOBAL_LOCK_VERSION;
  if (!isObject(parsed) || typeof parsed.version !== 'number' || !isObject(parsed.skills)) {
    return { error: lockError(displayFile, `${path.basename(file)} is not a skills lock file: expected { "version": ${expected}, "skills": { ... } }`, 1, 1) };
  }
  if (parsed.version !== expected) {
    return {
      error: lockError(
        displayFile,
        `${path.basename(file)} has version ${parsed.version}; this vibe-skills reads version ${expected}`,
        1,
        1,
        parsed.version > expected
          ? 'A newer tool wrote this file; upgrade vibe-skills.'
          : 'An older tool wrote this file; re-create it with the `skills` CLI or move it away.',
      ),
    };
  }
  for (const [name, entry] of Object.entries(parsed.skills)) {
    if (!isObject(entry)) {
      return { error: lockError(displayFile, `${path.basename(file)}: the entry for "${name}" is not an object`) };
    }
  }
  return { lock: { kind, path: file, exists: true, data: parsed as LockFile['data'] } };
}

export function lockEntry(lock: LockFile, name: string): LockEntryView | undefined {
  if (!Object.hasOwn(lock.data.skills, name)) return undefined;
  const e = lock.data.skills[name];
  if (e === undefined) return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const source = str(e.source);
  const sourceType = str(e.sourceType);
  const hash = str(lock.kind === 'project' ? e.computedHash : e.skillFolderHash);
  const view: LockEntryView = { name };
  if (source !== undefined) view.source = source;
  if (sourceType !== undefined) view.sourceType = sourceType;
  if (hash !== undefined) view.hash = hash;
  if (sourceType === 'local' && source !== undefined) view.localSource = path.resolve(path.dirname(lock.path), source);
  return view;
}

export function lockNames(lock: LockFile): string[] {
  return Object.keys(lock.data.skills);
}

/** How the `skills` CLI writes a local source into a project lock: relative and portable. */
export function portableLocalSource(source: string, lockDir: string): string {
  const abs = path.isAbsolute(source) ? source : path.resolve(lockDir, source);
  const rel = path.relative(lockDir, abs);
  if (path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  const portable = rel.split(path.sep).join('/');
  if (portable === '') return '.';
  if (portable === '..' || portable.startsWith('../')) return portable;
  return `./${portable}`;
}

export interface NewEntry {
  /** Absolute path of the local source (the repository or folder the user installed from). */
  source: string;
  hash: string;
  /** ISO time, used by the global lock only. */
  now: string;
}

/** The lock with one entry set; the entry has exactly the fields the `skills` CLI writes for a local source. Pure. */
export function withEntry(lock: LockFile, name: string, entry: NewEntry): LockFile {
  let value: Json;
  if (lock.kind === 'project') {
    value = { source: portableLocalSource(entry.source, path.dirname(lock.path)), sourceType: 'local', computedHash: entry.hash };
  } else {
    const previous = lock.data.skills[name];
    const installedAt = typeof previous?.installedAt === 'string' ? previous.installedAt : entry.now;
    value = {
      source: entry.source,
      sourceType: 'local',
      sourceUrl: entry.source,
      skillFolderHash: entry.hash,
      installedAt,
      updatedAt: entry.now,
    };
  }
  return { ...lock, data: { ...lock.data, skills: { ...lock.data.skills, [name]: value } } };
}

export function withoutEntry(lock: LockFile, name: string): LockFile {
  const skills = { ...lock.data.skills };
  delete skills[name];
  return { ...lock, data: { ...lock.data, skills } };
}

/** The file's text, exactly as the `skills` CLI formats it. */
export function serializeLock(lock: LockFile): string {
  if (lock.kind === 'project') {
    // The `skills` CLI writes only version and skills, skills sorted with the default sort.
    const skills = Object.fromEntries(
      Object.keys(lock.data.skills)
        .sort()
        .map((k) => [k, lock.data.skills[k]]),
    );
    return `${JSON.stringify({ version: lock.data.version, skills }, null, 2)}\n`;
  }
  return JSON.stringify(lock.data, null, 2);
}
