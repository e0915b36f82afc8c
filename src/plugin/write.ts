/**
 * `vibe-skills plugin sync` as a library function: derive the Claude Code manifests from
 * plugin.json and write them, atomically, and only inside `<root>/.claude-plugin/`.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../skill/read.js';
import { jsonProblems, type ManifestProblem, parseOwnPlugin, pathProblems, schemaProblems } from './check.js';
import { isRecord } from './model.js';
import { loadManifests, MANIFEST_SIZE_CAP } from './load.js';
import { deriveManifests, firstDifference, withExisting } from './sync.js';

export interface SyncOptions {
  /** Repository root (default: cwd). */
  root?: string;
  /** Base for display paths (default: process.cwd()). */
  cwd?: string;
  /** Write nothing; report which files would change. */
  check?: boolean;
}

export interface SyncFile {
  /** Display path. */
  file: string;
  /**
   * `unchanged`: the file already holds, as data, what sync would write (its formatting is not
   * judged and is kept). `outdated` only in check mode.
   */
  status: 'written' | 'unchanged' | 'outdated';
}

export interface SyncResult {
  /** False when plugin.json or an existing derived file is invalid (nothing was written), or, with `check`, when a file is out of date. */
  ok: boolean;
  files: SyncFile[];
  /** Why nothing could be derived. */
  problems: ManifestProblem[];
}

/** A problem with the target folder itself (not with plugin.json's content). */
export class PluginSyncError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'PluginSyncError';
  }
}

function errno(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

async function kindOf(p: string): Promise<'missing' | 'dir' | 'file' | 'symlink' | 'other'> {
  try {
    const info = await lstat(p);
    if (info.isSymbolicLink()) return 'symlink';
    if (info.isDirectory()) return 'dir';
    if (info.isFile()) return 'file';
    return 'other';
  } catch (error) {
    if (errno(error) === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * Derive and write the manifests. Throws PluginSyncError (with a hint) for a target folder it
 * cannot or must not write; problems with plugin.json itself come back as `problems`.
 */
export async function syncPlugin(options: SyncOptions = {}): Promise<SyncResult> {
  for (const key of ['root', 'cwd'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'string') throw new PluginSyncError(`options.${key} must be a folder path`, 'leave it out for the working directory');
  }
  const cwd = path.resolve(options.cwd ?? process.cwd());
  try {
    return await sync(options, cwd);
  } catch (error) {
    // A file-system error the steps below do not word themselves (an unreadable .claude-plugin/,
    // a path too long): the documented error, not Node's bare `EACCES: ..., lstat '<path>'`.
    const code = errno(error);
    if (error instanceof PluginSyncError || code === undefined || typeof (error as { syscall?: unknown }).syscall !== 'string') throw error;
    const at = (error as { path?: unknown }).path;
    const where = typeof at === 'string' ? displayPath(path.resolve(at), cwd) : 'the plugin folder';
    throw new PluginSyncError(`${where} could not be read or written (${code})`, 'check the folder and its permissions, then run `vibe-skills plugin sync` again');
  }
}

async function sync(options: SyncOptions, cwd: string): Promise<SyncResult> {
  const root = path.resolve(cwd, options.root ?? '.');
  const rootKind = await kindOf(root).catch(() => 'other' as const);
  if (rootKind !== 'dir') {
    throw new PluginSyncError(
      `${displayPath(root, cwd)} is ${rootKind === 'symlink' ? 'a symbolic link' : 'not a folder'}`,
      rootKind === 'symlink' ? 'pass the folder it leads to: sync writes only inside a real repository folder' : 'pass the repository folder that holds plugin.json',
    );
  }

  const manifests = await loadManifests(root, cwd);
  const source = manifests.find((m) => m.kind === 'plugin');
  if (!source) {
    throw new PluginSyncError(
      `no plugin.json in ${displayPath(root, cwd)}`,
      'create plugin.json with name, version, description, author and skills (["./skills/<name>", ...]); see the README',
    );
  }
  const problems = [...jsonProblems(source, [source], true), ...schemaProblems(source, true), ...pathProblems(source, true)];
  const plugin = source.data === undefined ? undefined : parseOwnPlugin(source.data);
  if (problems.length > 0 || !plugin) {
    return { ok: false, files: [], problems };
  }

  // Only ever write a real folder inside the root: a .claude-plugin symlink could point anywhere.
  const outDir = path.join(root, '.claude-plugin');
  const dirKind = await kindOf(outDir);
  if (dirKind === 'symlink' || dirKind === 'file' || dirKind === 'other') {
    throw new PluginSyncError(
      `${displayPath(outDir, cwd)} is not a folder (it is a ${dirKind === 'symlink' ? 'symbolic link' : 'file'}); refusing to write through it`,
      'replace it with a real folder',
    );
  }

  // Every target is checked before any is written: a refusal never leaves half the manifests new.
  const targets = [];
  const unreadable: ManifestProblem[] = [];
  for (const fresh of deriveManifests(plugin)) {
    const target = path.join(root, ...fresh.path.split('/'));
    const targetKind = await kindOf(target);
    if (targetKind === 'symlink' || targetKind === 'dir' || targetKind === 'other') {
      throw new PluginSyncError(`${displayPath(target, cwd)} is not a regular file; refusing to replace it`, 'remove it and run `vibe-skills plugin sync` again');
    }
    // An existing file keeps what sync does not own (hooks, other plugins...): it must be readable JSON.
    const existing = targetKind === 'file' ? manifests.find((m) => m.kind === fresh.kind) : undefined;
    if (existing && (existing.data === undefined || !isRecord(existing.data))) {
      unreadable.push({
        file: existing.file,
        ...(existing.parseError && existing.parseError.line > 0 ? { pos: { line: existing.parseError.line, column: existing.parseError.column } } : {}),
        message: `${existing.parseError?.message ?? 'not a JSON object'}: sync keeps the fields it does not write, so it cannot replace a file it cannot read`,
        hint: 'fix the file, or delete it if it holds nothing of yours, and run `vibe-skills plugin sync` again',
      });
      continue;
    }
    const derived = withExisting(fresh, existing?.data);
    // vibe-skills (validate, the next sync) reads no manifest over the cap: never write one.
    const bytes = Buffer.byteLength(derived.content);
    if (bytes > MANIFEST_SIZE_CAP) {
      unreadable.push({
        file: displayPath(target, cwd),
        message: `sync would write ${bytes} bytes, over the ${MANIFEST_SIZE_CAP / 1024 / 1024} MiB limit for a manifest (validate and the next sync could not read it)`,
        hint: 'move large inline hooks, mcpServers or lspServers configuration out of plugin.json into files in the plugin, and name them with "./" paths',
      });
      continue;
    }
    // A file with duplicate keys is never up to date, whatever its data: validate reports it, and a
    // rewrite (which keeps the last value, the one JSON readers see) is the fix.
    const duplicates = existing !== undefined && jsonProblems(existing).length > 0;
    targets.push({ derived, current: duplicates ? undefined : existing?.data, target, targetKind });
  }
  if (unreadable.length > 0) return { ok: false, files: [], problems: unreadable };

  const files: SyncFile[] = [];
  let ok = true;
  for (const { derived, current, target, targetKind } of targets) {
    const file = displayPath(target, cwd);
    // Up to date is a question of data, as for the drift rule: a file that already holds what
    // sync would write is left alone, whatever its formatting (CRLF line endings from a Windows
    // checkout, another indentation, another key order), so --check agrees with `validate` and a
    // run that would change nothing writes nothing.
    if (current !== undefined && firstDifference(current, derived.data) === undefined) {
      files.push({ file, status: 'unchanged' });
      continue;
    }
    if (options.check) {
      ok = false;
      files.push({ file, status: 'outdated' });
      continue;
    }
    await mkdir(outDir, { recursive: true });
    // Write-then-rename: a reader (or a crash) never sees half a manifest. The new file keeps the
    // old one's permissions (a read-only manifest stays read-only).
    const tmp = path.join(outDir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, derived.content, { flag: 'wx' });
      if (targetKind === 'file') await chmod(tmp, (await stat(target)).mode & 0o7777);
      await rename(tmp, target);
    } catch (error) {
      // The files before this one are already new: say so, the failure alone would hide it.
      const done = files.filter((f) => f.status === 'written').map((f) => f.file);
      throw new PluginSyncError(
        `${file} could not be written (${errno(error) ?? 'error'})${done.length > 0 ? `; ${done.join(' and ')} ${done.length === 1 ? 'was' : 'were'} written` : ''}`,
        'check the folder and its permissions, then run `vibe-skills plugin sync` again',
      );
    } finally {
      await rm(tmp, { force: true });
    }
    files.push({ file, status: 'written' });
  }
  return { ok, files, problems: [] };
}
