/**
 * The folder hash the `skills` CLI stores as `computedHash` in `skills-lock.json`.
 *
 * Matches skills@1.7.4 `computeSkillFolderHash` byte for byte (read from its dist):
 * - walk the folder; skip any directory named `.git` or `node_modules`, at any depth;
 * - keep regular files only (a symlink is neither a file nor a folder to `readdir`'s
 *   Dirent, so links never count);
 * - sort by relative path (`/` separators) with `String.prototype.localeCompare` — not a
 *   code-unit sort: `references/a.md` sorts before `SKILL.md`; we call the very same
 *   function so both tools agree on the same machine;
 * - SHA-256 over, for each file, its relative path (UTF-8) then its bytes, no separators;
 *   lowercase hex.
 */
import { createHash } from 'node:crypto';

/** Directories the `skills` CLI leaves out of the hash. */
export const HASH_SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

export interface HashedFile {
  /** Relative path, `/` separators. */
  path: string;
  content: Uint8Array;
}

/** True when a relative path lies under a directory the hash skips. */
export function isHashSkipped(relPath: string): boolean {
  const parts = relPath.split('/');
  // The last part is the file itself; only folders above it are skipped by name.
  for (let i = 0; i < parts.length - 1; i++) if (HASH_SKIPPED_DIRS.has(parts[i] ?? '')) return true;
  return false;
}

export function compareHashPaths(a: string, b: string): number {
  return a.localeCompare(b);
}

/** The `computedHash` of a set of regular files. Pure. */
export function skillFolderHash(files: readonly HashedFile[]): string {
  const sorted = [...files].sort((a, b) => compareHashPaths(a.path, b.path));
  const hash = createHash('sha256');
  for (const f of sorted) {
    hash.update(f.path);
    hash.update(f.content);
  }
  return hash.digest('hex');
}

export function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
