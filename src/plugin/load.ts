/**
 * The I/O edge for manifests: find them, read them safely, and check every path they name,
 * so the rules can judge from data alone.
 *
 * Safety: nothing outside the root is ever read. A manifest that is (or sits behind) a
 * symbolic link leaving the root, a FIFO, a folder, an oversized or non-UTF-8 file, all
 * become one `parseError` that says so.
 */
import { constants } from 'node:fs';
import { lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../skill/read.js';
import { parseJsonWithPositions } from './json.js';
import type { ManifestFile, ManifestKind, PathStatus } from './model.js';
import { manifestBase, manifestPathRefs } from './paths.js';

/** Pure, but part of the loader's API: what discovery should scan, from loaded manifests. */
export { pluginRootsFromManifests, skillDirsFromManifests } from './paths.js';

/** Manifests are a few KiB; anything past this is not one, and is not read. */
export const MANIFEST_SIZE_CAP = 1024 * 1024;

export const MANIFEST_LOCATIONS: readonly { kind: ManifestKind; rel: string }[] = [
  { kind: 'plugin', rel: 'plugin.json' },
  { kind: 'claude-plugin', rel: '.claude-plugin/plugin.json' },
  { kind: 'marketplace', rel: '.claude-plugin/marketplace.json' },
];

function errno(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** True when `p` is `root` or inside it (both absolute, already normalized). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false;
  return rel !== '..' && !rel.startsWith(`..${path.sep}`);
}

async function readBounded(file: string, cap: number): Promise<{ bytes: Buffer; size: number }> {
  // O_NONBLOCK: even if the file were swapped for a FIFO after the stat, open must not hang.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (info.size > cap) return { bytes: Buffer.alloc(0), size: info.size };
    const buffer = Buffer.alloc(Math.min(info.size, cap) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total >= buffer.length) break;
    }
    return { bytes: buffer.subarray(0, total), size: total > cap ? cap + 1 : total };
  } finally {
    await handle.close();
  }
}

/** What a path named by a manifest is. Absolute inputs; `rootReal` is realpath(root). */
export async function pathStatus(root: string, rootReal: string, target: string, written: string): Promise<PathStatus> {
  if (path.posix.isAbsolute(written) || path.win32.isAbsolute(written)) return 'outside';
  if (!isInside(root, target)) return 'outside';
  try {
    const real = await realpath(target);
    if (!isInside(rootReal, real)) return 'symlink-outside';
    const info = await stat(real);
    return info.isDirectory() ? 'dir' : 'file';
  } catch (error) {
    // A dangling symlink whose target would leave the root is still an escape attempt.
    try {
      const info = await lstat(target);
      if (info.isSymbolicLink()) {
        const dest = path.resolve(path.dirname(target), await readlink(target));
        if (!isInside(root, dest) && !isInside(rootReal, dest)) return 'symlink-outside';
      }
    } catch {
      // Not there at all.
    }
    // ENOENT, ENOTDIR, ELOOP, EACCES: for the user, all mean "nothing usable there".
    void error;
    return 'missing';
  }
}

async function loadOne(root: string, rootReal: string, cwd: string, kind: ManifestKind, rel: string): Promise<ManifestFile | undefined> {
  const abs = path.join(root, rel);
  const file = displayPath(abs, cwd);
  const base: ManifestFile = { kind, path: abs, file, text: '', paths: {} };
  const fail = (message: string, line = 0, column = 0): ManifestFile => ({ ...base, parseError: { message, line, column } });

  try {
    await lstat(abs);
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return fail(`cannot read the file (${code ?? String(error)})`);
  }

  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    return fail(`the file is a broken symbolic link (${errno(error) ?? 'unresolvable'})`);
  }
  if (!isInside(rootReal, real)) {
    return fail(`not read: the file is a symbolic link to ${real}, outside the repository`);
  }
  let info;
  try {
    info = await stat(real);
  } catch (error) {
    return fail(`cannot read the file (${errno(error) ?? String(error)})`);
  }
  if (!info.isFile()) {
    return fail(`not a regular file (${info.isDirectory() ? 'a folder' : 'a special file'}); a manifest must be a JSON file`);
  }

  let bytes: Buffer;
  try {
    const read = await readBounded(real, MANIFEST_SIZE_CAP);
    if (read.size > MANIFEST_SIZE_CAP) {
      return fail(`not parsed: the file is over the ${MANIFEST_SIZE_CAP / 1024 / 1024} MiB limit for a manifest (${read.size} bytes)`);
    }
    bytes = read.bytes;
  } catch (error) {
    return fail(`cannot read the file (${errno(error) ?? String(error)})`);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail('not valid UTF-8 text; save the file as UTF-8 JSON');
  }

  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    return { ...base, text, parseError: { message: `invalid JSON: ${parsed.error.message}`, line: parsed.error.line, column: parsed.error.column } };
  }

  const paths: Record<string, PathStatus> = {};
  const baseDir = manifestBase(kind, abs);
  for (const ref of manifestPathRefs(kind, parsed.data)) {
    if (ref.key in paths) continue;
    paths[ref.key] = await pathStatus(root, rootReal, path.resolve(baseDir, ref.key), ref.key);
  }
  return { ...base, text, data: parsed.data, paths };
}

/**
 * Read `plugin.json`, `.claude-plugin/plugin.json` and `.claude-plugin/marketplace.json`
 * under `root` (those present; a relative `root` is relative to `cwd`, as discoverSkills takes
 * it), with display paths relative to `cwd`.
 */
export async function loadManifests(root: string, cwd: string): Promise<ManifestFile[]> {
  const absCwd = path.resolve(cwd);
  const absRoot = path.resolve(absCwd, root);
  let rootReal: string;
  try {
    rootReal = await realpath(absRoot);
  } catch {
    return [];
  }
  const out: ManifestFile[] = [];
  for (const { kind, rel } of MANIFEST_LOCATIONS) {
    const manifest = await loadOne(absRoot, rootReal, absCwd, kind, rel);
    if (manifest) out.push(manifest);
  }
  return out;
}
