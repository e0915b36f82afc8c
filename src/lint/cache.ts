/**
 * The `--cache` store: per-skill diagnostics and summaries, reused when nothing a per-skill
 * rule can see has changed. Like ESLint's cache, one JSON file.
 *
 * What a per-skill rule sees is exactly: the SKILL.md bytes, the listing of the skill folder
 * (names, folders, symlinks with their resolved targets, the truncation flag), the display
 * path, the tool version and the effective configuration. Rules do no I/O (src/lint/types.ts),
 * so the contents of references/ files cannot change a result — only their names can.
 * The fingerprint therefore hashes the SKILL.md *contents* plus that listing, and the cache
 * key (checked once per file) covers version + configuration.
 *
 * The content hash is the authority; file-system metadata is only allowed to prove that
 * nothing was touched, the way git trusts its index:
 * - A SKILL.md is re-read unless its inode, size, mtime *and ctime* equal those recorded just
 *   before it was last read. Editors, `git checkout`, `touch -r`, tar and rsync -t can restore
 *   an mtime (and a same-size edit keeps the size), but no user-space tool can set a ctime:
 *   the kernel sets it to "now" on every write, rename or metadata change.
 * - A folder is re-listed unless its inode, mtime and ctime are unchanged (adding, removing or
 *   renaming an entry changes them). Folder snapshots also answer discovery's reads.
 * - "Racily clean": a file changed in the same clock tick as the run that recorded it (or on a
 *   file system with 1–2 s timestamps) could keep equal stamps. A stamp within RACY_MS of the
 *   time it was recorded is therefore never trusted; that file or folder is read again and its
 *   content hash decides. A clock that steps backwards only makes stamps look newer: re-read.
 * - Skills with symlinks in their folder are always re-resolved (realpath), as in a cold run.
 * A cache restored in CI (new checkout: new inodes and ctimes) falls back to reading every
 * file and comparing content hashes, so results are still reused.
 *
 * Robustness: a missing, unreadable, corrupt, oversized or foreign file means an empty cache,
 * never an exception; entries are validated before use. `save()` writes a temp file in the
 * same folder and renames it over the old one, so readers see the old or the new file, never
 * half of one. It refuses to overwrite a file that is not a vibe-skills cache (a mistyped
 * `--cache-location package.json` must not destroy package.json).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SkillSummary } from '../skill/model.js';
import type { DirEntry, FileStamp, ReadDir } from '../skill/read.js';
import type { Diagnostic, Position } from '../types.js';

/** Every cache file starts with exactly these bytes; anything else is not ours. */
const MAGIC = '{"vibeSkillsCache":1,';
/**
 * Stamps this close (ms) to the moment they were recorded are not trusted (see above): more
 * than a kernel clock tick, and more than the 2 s timestamp granularity of FAT file systems.
 */
export const RACY_MS = 3000;
/** A cache larger than this is ignored (10,000 skills take a few MB). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** Entries kept at most; entries not used in this run are dropped first. */
export const MAX_CACHE_ENTRIES = 100_000;
/** Folder snapshots kept at most (a skill has one to a few folders). */
const MAX_CACHE_DIRS = 4 * MAX_CACHE_ENTRIES;

export interface CachedSkill {
  diagnostics: Diagnostic[];
  summary: SkillSummary;
}

export type SaveResult = { ok: true; written: boolean } | { ok: false; message: string; hint?: string };

export interface LintCache {
  /** Absolute path of the cache file. */
  readonly file: string;
  /**
   * Why the stored cache was not used (corrupt, foreign, other version or configuration),
   * for verbose output; undefined when it was loaded or did not exist.
   */
  readonly discarded: string | undefined;
  /** The stored result for this SKILL.md if its fingerprint is unchanged. */
  get(skillPath: string, fingerprint: string): CachedSkill | undefined;
  set(skillPath: string, fingerprint: string, result: CachedSkill, content?: { hash: string; stamp: FileStamp }): void;
  /**
   * The recorded content hash of this SKILL.md when its stamp proves it unchanged since it was
   * recorded (one lstat, no read); undefined means: read it.
   */
  unchangedContent(skillPath: string): string | undefined;
  /** Reads folders like readdirSync, answering unchanged ones from the stored snapshot. */
  readDir: ReadDir;
  /** Write the cache atomically (temp file + rename). Never throws. */
  save(): SaveResult;
  readonly stats: { hits: number; misses: number };
}

interface Entry {
  /** Fingerprint (content hash + listing + display path). */
  h: string;
  d: unknown;
  s: unknown;
  /** Content hash of the SKILL.md bytes. */
  c?: unknown;
  /** The SKILL.md stamp taken before reading it: inode, size, mtime, ctime, time recorded. */
  t?: unknown;
}

/** A folder snapshot: inode, mtime, ctime, time recorded, then entries as type letter + name. */
type DirRecord = [number, number, number, number, ...string[]];

/** What a per-skill rule can see, besides configuration: the input of the fingerprint. */
export interface SkillFingerprintInput {
  /** Display path of SKILL.md (diagnostics carry it). */
  file: string;
  /** hashContent() of the SKILL.md bytes as read (before decoding, so encoding problems are covered too). */
  contentHash: string;
  /** The skill folder listing, in the reader's order. */
  files: Iterable<string>;
  symlinks: ReadonlyArray<{ path: string; target: string; inside: boolean }>;
  filesTruncated: boolean;
}

/** SHA-256 of a SKILL.md's bytes. */
export function hashContent(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/**
 * SHA-256 over the SKILL.md content hash and the folder listing. Strings are length-prefixed
 * so that no two different inputs serialise alike. The listing is not sorted: an order change
 * is a (harmless) miss, and not sorting is cheaper.
 */
export function fingerprintSkill(input: SkillFingerprintInput): string {
  // One string, one update: thousands of small update() calls cost more than the hashing.
  let text = `f${input.file.length}:${input.file}c${input.contentHash.length}:${input.contentHash}`;
  for (const f of input.files) text += `l${f.length}:${f}`;
  for (const l of input.symlinks) text += `s${l.path.length}:${l.path}t${l.target.length}:${l.target}${l.inside ? 'i' : 'o'}`;
  text += input.filesTruncated ? 'T' : 'F';
  return createHash('sha256').update(text).digest('base64url');
}

/** Stable JSON (sorted object keys) of anything JSON-like. */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value instanceof Set) return stableStringify([...value].map(String).sort());
  if (value instanceof Map) return stableStringify(Object.fromEntries([...value].map(([k, v]) => [String(k), v])));
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/**
 * The cache key from everything that changes results for unchanged files: tool version,
 * effective rule severities, settings (external skills), anything else the caller adds.
 * Key order, Set order and Map order do not matter.
 */
export function cacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(parts)).digest('base64url');
}

// ------------------------------------------------------------------ validation of stored data

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const optNat = (v: unknown) => v === undefined || isNat(v);
const optStr = (v: unknown) => v === undefined || typeof v === 'string';
const isPos = (v: unknown): v is Position => isObj(v) && isNat(v.line) && isNat(v.column);

function isDiagnostic(v: unknown): v is Diagnostic {
  return (
    isObj(v) &&
    typeof v.ruleId === 'string' &&
    (v.severity === 'error' || v.severity === 'warning') &&
    typeof v.message === 'string' &&
    typeof v.file === 'string' &&
    isNat(v.line) &&
    isNat(v.column) &&
    optNat(v.endLine) &&
    optNat(v.endColumn) &&
    optStr(v.hint)
  );
}

function isSummary(v: unknown): v is SkillSummary {
  if (!isObj(v)) return false;
  if (typeof v.file !== 'string' || typeof v.dir !== 'string' || typeof v.folderName !== 'string') return false;
  if (!optStr(v.name) || !optStr(v.description)) return false;
  if (v.namePos !== undefined && !isPos(v.namePos)) return false;
  if (v.descriptionPos !== undefined && !isPos(v.descriptionPos)) return false;
  if (!Array.isArray(v.references)) return false;
  for (const r of v.references) {
    if (!isObj(r) || typeof r.name !== 'string' || !isNat(r.line) || !isNat(r.column) || typeof r.section !== 'string') return false;
  }
  return true;
}

function isEntry(v: unknown): v is Entry {
  return isObj(v) && typeof v.h === 'string';
}

// ------------------------------------------------------------------ load

interface Loaded {
  entries: Map<string, Entry>;
  dirs: Map<string, DirRecord>;
  discarded?: string;
  /** The file exists and is not a cache of ours: never overwrite it. */
  foreign?: boolean;
}

function isDirRecord(v: unknown): v is DirRecord {
  if (!Array.isArray(v) || v.length < 4) return false;
  for (let i = 0; i < 4; i++) if (typeof v[i] !== 'number') return false;
  for (let i = 4; i < v.length; i++) if (typeof v[i] !== 'string' || (v[i] as string).length < 2) return false;
  return true;
}

function load(file: string, key: string): Loaded {
  const entries = new Map<string, Entry>();
  const dirs = new Map<string, DirRecord>();
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { entries, dirs, discarded: 'it is not a regular file', foreign: true };
    if (st.size === 0) return { entries, dirs, discarded: 'it is empty' };
    if (st.size > MAX_CACHE_BYTES) return { entries, dirs, discarded: `it is larger than ${MAX_CACHE_BYTES} bytes` };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { entries, dirs } : { entries, dirs, discarded: `it could not be read (${code ?? 'error'})` };
  }
  if (!text.startsWith(MAGIC)) return { entries, dirs, discarded: 'it is not a vibe-skills cache', foreign: true };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { entries, dirs, discarded: 'it is corrupt (not valid JSON)' };
  }
  if (!isObj(data) || !isObj(data.entries)) return { entries, dirs, discarded: 'it is corrupt (unexpected shape)' };
  // Folder snapshots do not depend on the configuration: kept even when the key changed.
  if (isObj(data.dirs)) for (const [k, v] of Object.entries(data.dirs)) if (isDirRecord(v)) dirs.set(k, v);
  if (data.key !== key) return { entries, dirs, discarded: 'the tool version or the configuration changed' };
  for (const [k, v] of Object.entries(data.entries)) if (isEntry(v)) entries.set(k, v);
  return { entries, dirs };
}

/** Is the file at `file` (now) something save() may replace? */
function replaceable(file: string): { ok: true } | { ok: false; message: string } {
  let st;
  try {
    st = lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true };
    return { ok: false, message: `${file} could not be checked (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!st.isFile()) return { ok: false, message: `${file} is not a regular file` };
  if (st.size === 0) return { ok: true };
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(MAGIC.length);
    const n = readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, n).toString('utf8') === MAGIC) return { ok: true };
  } catch {
    // Unreadable: treat as foreign below.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { ok: false, message: `${file} exists and is not a vibe-skills cache` };
}

// ------------------------------------------------------------------ stamps and snapshots

/** A stamp may prove "unchanged" only when it is older than RACY_MS at the time it was recorded. */
function trusted(mtimeMs: unknown, ctimeMs: unknown, recorded: number): boolean {
  return typeof mtimeMs === 'number' && typeof ctimeMs === 'number' && mtimeMs < recorded - RACY_MS && ctimeMs < recorded - RACY_MS;
}

function typed(e: DirEntry): string {
  return (e.isSymbolicLink() ? 'l' : e.isDirectory() ? 'd' : e.isFile() ? 'f' : 'o') + e.name;
}

/** A directory entry answered from a snapshot: what discovery and the listing ask of an fs.Dirent. */
class SnapshotEntry implements DirEntry {
  constructor(
    readonly name: string,
    private readonly type: string,
  ) {}
  isFile(): boolean {
    return this.type === 'f';
  }
  isDirectory(): boolean {
    return this.type === 'd';
  }
  isSymbolicLink(): boolean {
    return this.type === 'l';
  }
}

function snapshotEntries(rec: DirRecord): DirEntry[] {
  const out: DirEntry[] = [];
  for (let i = 4; i < rec.length; i++) {
    const t = rec[i] as string;
    out.push(new SnapshotEntry(t.slice(1), t[0]!));
  }
  return out;
}

// ------------------------------------------------------------------ the cache

/**
 * Open (or start) the cache in `file` for configuration `key` (see cacheKey). Reads the file
 * once, synchronously; never throws.
 */
export function openCache(file: string, key: string): LintCache {
  const abs = path.resolve(file);
  const loaded = load(abs, key);
  const entries = loaded.entries;
  const dirs = loaded.dirs;
  const touched = new Set<string>();
  const touchedDirs = new Set<string>();
  const stats = { hits: 0, misses: 0 };
  let dirty = loaded.discarded !== undefined;

  return {
    file: abs,
    discarded: loaded.discarded,
    stats,
    unchangedContent(skillPath) {
      const e = entries.get(skillPath);
      if (e === undefined || typeof e.c !== 'string' || !Array.isArray(e.t) || e.t.length !== 5) return undefined;
      const [ino, size, mtimeMs, ctimeMs, recorded] = e.t as unknown[];
      if (typeof recorded !== 'number' || !trusted(mtimeMs, ctimeMs, recorded)) return undefined;
      let st;
      try {
        st = lstatSync(skillPath);
      } catch {
        return undefined;
      }
      return st.isFile() && st.ino === ino && st.size === size && st.mtimeMs === mtimeMs && st.ctimeMs === ctimeMs ? e.c : undefined;
    },
    readDir(dir) {
      // stat, not lstat: readdir follows a symlinked folder, so its target is what must be unchanged.
      // Taken before reading, so a change during the read makes the next run re-read.
      const now = Date.now();
      let st;
      try {
        st = statSync(dir);
      } catch {
        return readdirSync(dir, { withFileTypes: true }); // throws the error discovery reports
      }
      touchedDirs.add(dir);
      const rec = dirs.get(dir);
      if (rec !== undefined && rec[0] === st.ino && rec[1] === st.mtimeMs && rec[2] === st.ctimeMs && trusted(rec[1], rec[2], rec[3])) {
        return snapshotEntries(rec);
      }
      const read = readdirSync(dir, { withFileTypes: true });
      dirs.set(dir, [st.ino, st.mtimeMs, st.ctimeMs, now, ...read.map(typed)]);
      dirty = true;
      return read;
    },
    get(skillPath, fingerprint) {
      const e = entries.get(skillPath);
      if (e === undefined || e.h !== fingerprint) {
        stats.misses++;
        return undefined;
      }
      const d = e.d;
      if (!Array.isArray(d) || !d.every(isDiagnostic) || !isSummary(e.s)) {
        // Damaged entry (hand-edited, bit rot): drop it and let the caller re-lint.
        entries.delete(skillPath);
        dirty = true;
        stats.misses++;
        return undefined;
      }
      touched.add(skillPath);
      stats.hits++;
      return { diagnostics: d, summary: e.s };
    },
    set(skillPath, fingerprint, result, content) {
      const entry: Entry = { h: fingerprint, d: result.diagnostics, s: result.summary };
      if (content) {
        const { ino, size, mtimeMs, ctimeMs, at } = content.stamp;
        entry.c = content.hash;
        entry.t = [ino, size, mtimeMs, ctimeMs, at];
      }
      entries.set(skillPath, entry);
      touched.add(skillPath);
      dirty = true;
    },
    save() {
      if (loaded.foreign) {
        return {
          ok: false,
          message: `not writing the cache: ${abs} exists and is not a vibe-skills cache`,
          hint: 'pass another --cache-location, or delete that file if it is an old cache',
        };
      }
      if (!dirty) return { ok: true, written: false };
      const check = replaceable(abs);
      if (!check.ok) return { ok: false, message: `not writing the cache: ${check.message}`, hint: 'pass another --cache-location' };

      // Entries used in this run first, then older ones (other roots validated with the same cache) up to the cap.
      const out: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
      let count = 0;
      for (const k of touched) {
        const e = entries.get(k);
        if (e === undefined) continue;
        out[k] = e;
        count++;
      }
      for (const [k, e] of entries) {
        if (count >= MAX_CACHE_ENTRIES) break;
        if (touched.has(k)) continue;
        out[k] = e;
        count++;
      }
      const outDirs: Record<string, DirRecord> = Object.create(null) as Record<string, DirRecord>;
      let dirCount = 0;
      for (const k of touchedDirs) {
        const r = dirs.get(k);
        if (r === undefined) continue;
        outDirs[k] = r;
        dirCount++;
      }
      for (const [k, r] of dirs) {
        if (dirCount >= MAX_CACHE_DIRS) break;
        if (touchedDirs.has(k)) continue;
        outDirs[k] = r;
        dirCount++;
      }
      const text = `${MAGIC}"key":${JSON.stringify(key)},"entries":${JSON.stringify(out)},"dirs":${JSON.stringify(outDirs)}}\n`;

      const dir = path.dirname(abs);
      const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        mkdirSync(dir, { recursive: true });
        // 'wx': create exclusively, so a planted symlink at the temp name is never followed.
        writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
        renameSync(tmp, abs);
      } catch (e) {
        try {
          unlinkSync(tmp);
        } catch {
          // The temp file was never created.
        }
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        return { ok: false, message: `could not write the cache ${abs} (${code})`, hint: 'check that its folder is writable, or pass another --cache-location' };
      }
      dirty = false;
      return { ok: true, written: true };
    },
  };
}
