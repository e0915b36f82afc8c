/**
 * A "clean clone" of the working tree: exactly the files git would commit (tracked plus
 * untracked-but-not-ignored, so uncommitted work counts), nothing ignored (node_modules,
 * dist, caches). Compatibility tests run external tools on this copy, as a user who cloned
 * the repository would.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, lstat, mkdir, mkdtemp, readlink, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

/** Relative paths (`/` separators) of every file a commit of the working tree would hold. */
export function workingTreeFiles(repo = REPO): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0').filter((f) => f !== '' && !f.split('/').includes('node_modules')))].sort();
}

/** Copy the working tree into a new temp folder and return it. Files deleted but still tracked are skipped. */
export async function copyWorkingTree(repo = REPO): Promise<string> {
  const dest = await mkdtemp(path.join(os.tmpdir(), 'vibe-clean-clone-'));
  for (const rel of workingTreeFiles(repo)) {
    const from = path.join(repo, ...rel.split('/'));
    const to = path.join(dest, ...rel.split('/'));
    let info;
    try {
      info = await lstat(from);
    } catch {
      continue;
    }
    await mkdir(path.dirname(to), { recursive: true });
    if (info.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (info.isFile()) await copyFile(from, to);
  }
  return dest;
}
