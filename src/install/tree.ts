/**
 * Skill folders as data: the source tree read into memory (so what we hash is exactly what
 * we write, whatever happens to the source meanwhile), and installed trees read for status.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { HASH_SKIPPED_DIRS, sha256, skillFolderHash } from './hash.js';

/** A skill folder may hold at most this many entries and bytes; more is refused, not truncated. */
export const MAX_SKILL_ENTRIES = 5000;
export const MAX_SKILL_BYTES = 50 * 1024 * 1024;
const MAX_DEPTH = 16;

export type TreeEntry =
  | { kind: 'dir'; path: string }
  | { kind: 'file'; path: string; sha256: string; executable: boolean }
  | { kind: 'symlink'; path: string; target: string }
  /** Something else on disk (a socket, a fifo, a device), or a folder the hash skips. */
  | { kind: 'other'; path: string; what: string };

export interface SourceFile {
  path: string;
  content: Uint8Array;
  executable: boolean;
}

/** A source skill, fully in memory. */
export interface SourceTree {
  /** Real path of the skill folder. */
  dir: string;
  /** Every entry, sorted by path (code-unit order). */
  entries: TreeEntry[];
  files: SourceFile[];
  /** The `skills` CLI `computedHash` of the files. */
  hash: string;
}

export interface SourceProblem {
  /** Relative path inside the skill, '' for the folder itself. */
  path: string;
  message: string;
  hint: string;
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Why `readRegularFile` refused a file, as an errno-style code beside the system's own. */
export type NotRegularCode = 'EISDIR' | 'ENOTREG' | 'EFBIG';

function refusal(file: string, code: NotRegularCode, what: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${file} ${what}`), { code });
}

/**
 * Read a file that must be a regular file, at most `limit` bytes. Opened non-blocking, so a
 * FIFO, a terminal or a pseudo-file with nothing to say (`/proc/kmsg`) cannot hang the run;
 * checked with fstat on what was opened; and read in bounded chunks whatever `st.size` claims
 * (pseudo-files say 0 and can go on forever). `follow: false` refuses a symbolic link in place
 * of a file the caller just lstat-ed as one (ELOOP). Throws EISDIR for a folder, ENOTREG for
 * anything else that is not a regular file, EFBIG past the limit, or the system's error.
 */
export async function readRegularFile(file: string, limit: number, options: { follow?: boolean } = {}): Promise<Buffer> {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.follow === false ? constants.O_NOFOLLOW : 0);
  const handle = await open(file, flags);
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw refusal(file, 'EISDIR', 'is a folder');
    if (!st.isFile()) throw refusal(file, 'ENOTREG', 'is not a regular file');
    if (st.size > limit) throw refusal(file, 'EFBIG', `is larger than ${limit} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Sized by what fstat says first (one read for a regular file), then 64 KiB at a time.
      const want = chunks.length === 0 && st.size > 0 ? st.size + 1 : 64 * 1024;
      const chunk = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw refusal(file, 'EFBIG', `is larger than ${limit} bytes`);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Read a source skill folder into memory.
 *
 * Policy (documented in the README):
 * - `.git` and `node_modules` folders are left out, as the `skills` CLI leaves them out of its
 *   hash; they are never part of a skill.
 * - A symlink that resolves inside the skill is installed as a relative link to the same
 *   place (the skill keeps its shape and nothing outside is read); one that resolves outside
 *   the skill, dangles, loops or lands in a left-out folder is refused: copying its target
 *   would let a repository pull files from the installing machine into the install.
 * - Sockets, fifos and devices are refused.
 */
export async function readSourceTree(skillDir: string): Promise<{ tree: SourceTree } | { problems: SourceProblem[] }> {
  const problems: SourceProblem[] = [];
  let realDir: string;
  try {
    realDir = await realpath(skillDir);
  } catch (e) {
    return { problems: [{ path: '', message: `the skill folder cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, hint: 'check the path and its permissions' }] };
  }
  const entries: TreeEntry[] = [];
  const files: SourceFile[] = [];
  let bytes = 0;
  let tooMany = false;

  const walk = async (absDir: string, rel: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      problems.push({ path: rel, message: `folders nest deeper than ${MAX_DEPTH} levels`, hint: 'flatten the skill folder' });
      return;
    }
    const names = (await readdir(absDir)).sort();
    for (const name of names) {
      if (entries.length >= MAX_SKILL_ENTRIES) {
        tooMany = true;
        return;
      }
      const relPath = rel === '' ? name : `${rel}/${name}`;
      const abs = path.join(absDir, name);
      const st = await lstat(abs);
      if (st.isDirectory()) {
        if (HASH_SKIPPED_DIRS.has(name)) continue;
        entries.push({ kind: 'dir', path: relPath });
        await walk(abs, relPath, depth + 1);
      } else if (st.isFile()) {
        let content: Buffer;
        try {
          content = await readRegularFile(abs, MAX_SKILL_BYTES - bytes, { follow: false });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EFBIG') throw e;
          problems.push({ path: relPath, message: `the skill is larger than ${MAX_SKILL_BYTES / 1024 / 1024} MiB`, hint: 'keep large assets out of skills' });
          return;
        }
        bytes += content.length;
        const executable = (st.mode & 0o111) !== 0;
        files.push({ path: relPath, content, executable });
        entries.push({ kind: 'file', path: relPath, sha256: sha256(content), executable });
      } else if (st.isSymbolicLink()) {
        const text = await readlink(abs);
        let resolved: string;
        try {
          resolved = await realpath(abs);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          problems.push({
            path: relPath,
            message: code === 'ELOOP' ? `symbolic link "${text}" loops` : `symbolic link "${text}" points to nothing`,
            hint: 'remove the link or point it at a file inside the skill',
          });
          continue;
        }
        if (!isInside(resolved, realDir)) {
          problems.push({
            path: relPath,
            message: `symbolic link points outside the skill (${text} -> ${resolved})`,
            hint: 'copy the file into the skill folder instead of linking to it; installing would otherwise copy files from outside the skill',
          });
          continue;
        }
        const insideRel = path.relative(realDir, resolved).split(path.sep);
        if (insideRel.some((p) => HASH_SKIPPED_DIRS.has(p))) {
          problems.push({ path: relPath, message: `symbolic link points into a left-out folder (${text})`, hint: '.git and node_modules are not installed; link to something else' });
          continue;
        }
        // Re-express the link relative to its own folder so it keeps working after the copy,
        // whatever form (absolute, through other links) it was written in.
        const linkDirReal = path.join(realDir, ...rel.split('/').filter((p) => p !== ''));
        const relative = path.relative(linkDirReal, resolved) || '.';
        entries.push({ kind: 'symlink', path: relPath, target: relative.split(path.sep).join('/') });
      } else {
        problems.push({ path: relPath, message: 'is not a regular file, folder or link', hint: 'remove sockets, fifos and device files from the skill' });
      }
    }
  };
  try {
    await walk(realDir, '', 0);
  } catch (e) {
    problems.push({ path: '', message: `the skill folder cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, hint: 'check permissions' });
  }
  if (tooMany) problems.push({ path: '', message: `the skill has more than ${MAX_SKILL_ENTRIES} files and folders`, hint: 'skills should be small; move bulk data out' });
  if (problems.length > 0) return { problems };
  entries.sort(byPath);
  files.sort(byPath);
  return { tree: { dir: realDir, entries, files, hash: skillFolderHash(files) } };
}

/** An installed skill folder as found on disk. */
export interface InstalledTree {
  entries: TreeEntry[];
  /** `computedHash` of its regular files, as the `skills` CLI computes it. */
  hash: string;
  /** Entries the hash cannot see (skipped folders, specials); a replace would lose them. */
  unhashed: TreeEntry[];
  truncated: boolean;
}

/**
 * Read an installed skill folder (never follows links inside it). Bounded like the source,
 * but never refuses: whatever is there is reported.
 */
export async function readInstalledTree(dir: string): Promise<InstalledTree> {
  const entries: TreeEntry[] = [];
  const hashed: Array<{ path: string; content: Buffer }> = [];
  const unhashed: TreeEntry[] = [];
  let truncated = false;
  let bytes = 0;
  const walk = async (absDir: string, rel: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) {
      truncated = true;
      return;
    }
    let names: string[];
    try {
      names = (await readdir(absDir)).sort();
    } catch {
      truncated = true;
      return;
    }
    for (const name of names) {
      if (entries.length >= MAX_SKILL_ENTRIES) {
        truncated = true;
        return;
      }
      const relPath = rel === '' ? name : `${rel}/${name}`;
      const abs = path.join(absDir, name);
      let st;
      try {
        st = await lstat(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (HASH_SKIPPED_DIRS.has(name)) {
          const e: TreeEntry = { kind: 'other', path: relPath, what: `${name} folder` };
          entries.push(e);
          unhashed.push(e);
          continue;
        }
        entries.push({ kind: 'dir', path: relPath });
        await walk(abs, relPath, depth + 1);
      } else if (st.isFile()) {
        let content: Buffer | null;
        try {
          content = await readRegularFile(abs, MAX_SKILL_BYTES - bytes, { follow: false });
        } catch {
          content = null; // too large, or unreadable (EAGAIN from a pseudo-file, EACCES): not hashed
        }
        if (content === null) {
          truncated = true;
          return;
        }
        bytes += content.length;
        hashed.push({ path: relPath, content });
        entries.push({ kind: 'file', path: relPath, sha256: sha256(content), executable: (st.mode & 0o111) !== 0 });
      } else if (st.isSymbolicLink()) {
        const target = await readlink(abs).catch(() => '');
        entries.push({ kind: 'symlink', path: relPath, target });
      } else {
        const e: TreeEntry = { kind: 'other', path: relPath, what: 'special file' };
        entries.push(e);
        unhashed.push(e);
      }
    }
  };
  await walk(dir, '', 0);
  entries.sort(byPath);
  return { entries, hash: skillFolderHash(hashed), unhashed, truncated };
}
