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
 *   time it was taken is therefore never trusted, nor stored: that file or folder is read again
 *   next time and its content hash decides. A clock that steps backwards only makes stamps
 *   look newer: re-read.
 * - Skills with symlinks in their folder are always re-resolved (realpath), as in a cold run.
 * A cache restored in CI (new checkout: new inodes and ctimes) falls back to reading every
 * file and comparing content hashes, so results are still reused.
 *
 * Robustness: a missing, unreadable, corrupt, oversized or foreign file, or a cache of another
 * format (CACHE_FORMAT), means an empty cache, never an exception; entries are validated before
 * use. A run that changed nothing writes nothing. `save()` writes a temp file in the
 * same folder and renames it over the old one, so readers see the old or the new file, never
 * half of one. It refuses to overwrite a file that is not a vibe-skills cache (a mistyped
 * `--cache-location package.json` must not destroy package.json).
 */
import { createHash, hash, randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SkillReference, SkillSummary } from '../skill/model.js';
import { joinName, type DirEntry, type FileStamp, type ReadDir } from '../skill/read.js';
import type { Diagnostic, Position } from '../types.js';

/** Every cache file of any format starts with these bytes; anything else is not ours. */
const MAGIC_PREFIX = '{"vibeSkillsCache":';
/**
 * The layout below. A file of another format is ours but unusable: ignored, then replaced.
 * Bump it on any change to the layout or to what a field means.
 */
export const CACHE_FORMAT = 2;
const MAGIC = `${MAGIC_PREFIX}${CACHE_FORMAT},`;
/**
 * Stamps this close (ms) to the moment they were taken are not trusted (see above): more
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
   * Why the stored cache was not used (corrupt, foreign, other format, version or
   * configuration), for verbose output; undefined when it was loaded or did not exist.
   */
  readonly discarded: string | undefined;
  /** The stored result for this SKILL.md if its fingerprint is unchanged. */
  get(skillPath: string, fingerprint: string): CachedSkill | undefined;
  set(skillPath: string, fingerprint: string, result: CachedSkill, content?: { hash: string; stamp: FileStamp }): void;
  /**
   * Record the content hash and stamp of a SKILL.md that was read and found to give the stored
   * result (a get() hit), so the next run need not read it. Changes nothing if they are the same.
   */
  restamp(skillPath: string, content: { hash: string; stamp: FileStamp }): void;
  /**
   * The recorded content hash of this SKILL.md when its stamp proves it unchanged since it was
   * recorded (one lstat, no read); undefined means: read it.
   */
  unchangedContent(skillPath: string): string | undefined;
  /** Reads folders like readdirSync, answering unchanged ones from the stored snapshot. */
  readDir: ReadDir;
  /** Write the cache atomically (temp file + rename), only if something changed. Never throws. */
  save(): SaveResult;
  readonly stats: { hits: number; misses: number };
}

/*
 * The file (format 2): `{"vibeSkillsCache":2,"key":"…","dirs":[…],"skills":[…]}`, records as
 * flat arrays, not objects: a warm run parses the whole file, and JSON.parse time and garbage
 * grow with the number of objects and characters. Nothing derivable is stored.
 *
 * A folder snapshot: [parent, name, ino, mtimeMs, ctimeMs, listing] (ctimeMs 0: equal to mtimeMs)
 * - parent: index of an earlier snapshot whose folder holds this one (then `name` is this
 *   folder's name in it), or -1 (then `name` is the absolute path). Absolute paths are long
 *   and thousands share their beginning; the tree costs one name per folder.
 * - listing: the entries as type letter (f file, d folder, l symlink, o other) + name, joined
 *   by `/`, the one character no file name contains.
 * Only trusted stamps (older than RACY_MS when taken) are stored: an untrusted one could never
 * prove anything, so it is dropped and the folder is listed again next time.
 *
 * A skill: [where, fingerprint, contentHash, ino, size, mtimeMs, ctimeMs,
 *           file, dir, folderName, name, nameLine, nameColumn,
 *           description, descriptionLine, descriptionColumn, references, diagnostics]
 * - where: the index of the snapshot of the SKILL.md's folder (the path is `<folder>/SKILL.md`),
 *   or the absolute path.
 * - contentHash and the stamp: the SKILL.md as last read, only with a trusted stamp; else
 *   contentHash is 0 and ino is -1 (read it next time). ctimeMs 0: equal to mtimeMs.
 * - file: a display path is the SKILL.md path or its end, stored as how many leading
 *   characters of the path to drop (else as a string); dir and folderName: 0 when they are the
 *   path's folder and that folder's name. Absent name/description: 0; absent positions: -1, -1.
 * - references: flat [name, line, column, section, …]
 * - diagnostics: flat, 9 fields each: ruleId, e|w, message, file (as above), line, column,
 *   endLine (-1: none), endColumn (-1: none), hint (0: none).
 */

/** A folder snapshot as stored (see above); `parent` and `name` are only meaningful in the file. */
type DirRecord = [parent: number, name: string, ino: number, mtimeMs: number, ctimeMs: number, listing: string];

/** Field positions in a skill record. */
const S = {
  Where: 0,
  Fingerprint: 1,
  Content: 2,
  Ino: 3,
  Size: 4,
  Mtime: 5,
  Ctime: 6,
  File: 7,
  Dir: 8,
  FolderName: 9,
  Name: 10,
  NameLine: 11,
  NameColumn: 12,
  Description: 13,
  DescriptionLine: 14,
  DescriptionColumn: 15,
  References: 16,
  Diagnostics: 17,
  Length: 18,
} as const;
const DIAGNOSTIC_FIELDS = 9;
const REFERENCE_FIELDS = 4;

type SkillRecord = unknown[];

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

/** SHA-256 of a SKILL.md's bytes. (One-shot `hash`: a Hash object per skill costs more than the hashing.) */
export function hashContent(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'base64url');
}

/**
 * SHA-256 over the SKILL.md content hash and the folder listing. Strings are length-prefixed
 * so that no two different inputs serialise alike. The listing is not sorted: an order change
 * is a (harmless) miss, and not sorting is cheaper.
 */
export function fingerprintSkill(input: SkillFingerprintInput): string {
  // One string, one hash call: thousands of small update() calls cost more than the hashing.
  let text = `f${input.file.length}:${input.file}c${input.contentHash.length}:${input.contentHash}`;
  for (const f of input.files) text += `l${f.length}:${f}`;
  for (const l of input.symlinks) text += `s${l.path.length}:${l.path}t${l.target.length}:${l.target}${l.inside ? 'i' : 'o'}`;
  text += input.filesTruncated ? 'T' : 'F';
  return hash('sha256', text, 'base64url');
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

// ------------------------------------------------------------------ encoding of results

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStamp = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What the summary's `dir` and `folderName` usually are (path.dirname and path.basename for the
 * paths validate() makes), by slicing: these run per skill on a warm run. set() stores 0 only
 * when the value equals what these give, so they need not agree with path.* in edge cases.
 */
const parentOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf(path.sep)));
const nameOf = (p: string): string => p.slice(p.lastIndexOf(path.sep) + 1);

/** A path that is `skillPath` or its end is stored as how much of `skillPath` to drop. */
function encodePath(p: string, skillPath: string): number | string {
  return skillPath.endsWith(p) ? skillPath.length - p.length : p;
}

function decodePath(v: unknown, skillPath: string): string | undefined {
  if (typeof v === 'string') return v;
  return isNat(v) && v <= skillPath.length ? skillPath.slice(v) : undefined;
}

function encodeResult(rec: SkillRecord, skillPath: string, result: CachedSkill): void {
  const s = result.summary;
  rec[S.File] = encodePath(s.file, skillPath);
  rec[S.Dir] = s.dir === parentOf(skillPath) ? 0 : s.dir;
  rec[S.FolderName] = s.folderName === nameOf(s.dir) ? 0 : s.folderName;
  rec[S.Name] = s.name ?? 0;
  rec[S.NameLine] = s.namePos?.line ?? -1;
  rec[S.NameColumn] = s.namePos?.column ?? -1;
  rec[S.Description] = s.description ?? 0;
  rec[S.DescriptionLine] = s.descriptionPos?.line ?? -1;
  rec[S.DescriptionColumn] = s.descriptionPos?.column ?? -1;
  const refs: unknown[] = [];
  for (const r of s.references) refs.push(r.name, r.line, r.column, r.section);
  rec[S.References] = refs;
  const diags: unknown[] = [];
  for (const d of result.diagnostics) {
    diags.push(
      d.ruleId,
      d.severity === 'error' ? 'e' : 'w',
      d.message,
      encodePath(d.file, skillPath),
      d.line,
      d.column,
      d.endLine ?? -1,
      d.endColumn ?? -1,
      d.hint ?? 0,
    );
  }
  rec[S.Diagnostics] = diags;
}

function decodePos(line: unknown, column: unknown): Position | undefined | false {
  if (line === -1 && column === -1) return undefined;
  return isNat(line) && isNat(column) ? { line, column } : false;
}

/** The stored result, or undefined when the record is damaged (hand-edited, bit rot). */
function decodeResult(rec: SkillRecord, skillPath: string): CachedSkill | undefined {
  const file = decodePath(rec[S.File], skillPath);
  const dirField = rec[S.Dir];
  const dir = dirField === 0 ? parentOf(skillPath) : dirField;
  const nameField = rec[S.FolderName];
  if (file === undefined || typeof dir !== 'string') return undefined;
  const folderName = nameField === 0 ? nameOf(dir) : nameField;
  const name = rec[S.Name];
  const description = rec[S.Description];
  const namePos = decodePos(rec[S.NameLine], rec[S.NameColumn]);
  const descriptionPos = decodePos(rec[S.DescriptionLine], rec[S.DescriptionColumn]);
  const refs = rec[S.References];
  const diags = rec[S.Diagnostics];
  if (typeof folderName !== 'string' || (name !== 0 && typeof name !== 'string') || (description !== 0 && typeof description !== 'string')) return undefined;
  if (namePos === false || descriptionPos === false || !Array.isArray(refs) || !Array.isArray(diags)) return undefined;
  if (refs.length % REFERENCE_FIELDS !== 0 || diags.length % DIAGNOSTIC_FIELDS !== 0) return undefined;

  const references: SkillReference[] = [];
  for (let i = 0; i < refs.length; i += REFERENCE_FIELDS) {
    const [rName, line, column, section] = [refs[i], refs[i + 1], refs[i + 2], refs[i + 3]];
    if (typeof rName !== 'string' || !isNat(line) || !isNat(column) || typeof section !== 'string') return undefined;
    references.push({ name: rName, line, column, section });
  }
  // The key order of summarize() and of the formatters' canonical diagnostics.
  const summary: SkillSummary = { file, dir, folderName, references };
  if (typeof name === 'string') summary.name = name;
  if (namePos) summary.namePos = namePos;
  if (typeof description === 'string') summary.description = description;
  if (descriptionPos) summary.descriptionPos = descriptionPos;

  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < diags.length; i += DIAGNOSTIC_FIELDS) {
    const ruleId = diags[i];
    const sev = diags[i + 1];
    const message = diags[i + 2];
    const dFile = decodePath(diags[i + 3], skillPath);
    const line = diags[i + 4];
    const column = diags[i + 5];
    const endLine = diags[i + 6];
    const endColumn = diags[i + 7];
    const hint = diags[i + 8];
    if (typeof ruleId !== 'string' || (sev !== 'e' && sev !== 'w') || typeof message !== 'string' || dFile === undefined) return undefined;
    if (!isNat(line) || !isNat(column) || (endLine !== -1 && !isNat(endLine)) || (endColumn !== -1 && !isNat(endColumn))) return undefined;
    if (hint !== 0 && typeof hint !== 'string') return undefined;
    const d: Diagnostic = { ruleId, severity: sev === 'e' ? 'error' : 'warning', message, file: dFile, line, column };
    if (endLine !== -1) d.endLine = endLine;
    if (endColumn !== -1) d.endColumn = endColumn;
    if (hint !== 0) d.hint = hint;
    diagnostics.push(d);
  }
  return { diagnostics, summary };
}

// ------------------------------------------------------------------ load

interface Loaded {
  entries: Map<string, SkillRecord>;
  dirs: Map<string, DirRecord>;
  discarded?: string;
  /** The file exists and is not a cache of ours: never overwrite it. */
  foreign?: boolean;
}

function isDirRecord(v: unknown): v is DirRecord {
  return (
    Array.isArray(v) &&
    v.length === 6 &&
    Number.isInteger(v[0]) &&
    typeof v[1] === 'string' &&
    isStamp(v[2]) &&
    isStamp(v[3]) &&
    isStamp(v[4]) &&
    typeof v[5] === 'string'
  );
}

function load(file: string, key: string): Loaded {
  const entries = new Map<string, SkillRecord>();
  const dirs = new Map<string, DirRecord>();
  let text: string;
  try {
    // lstat: a link is not followed, not even to read (save() refuses to replace one as well).
    const st = lstatSync(file);
    if (!st.isFile()) return { entries, dirs, discarded: st.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a regular file', foreign: true };
    if (st.size === 0) return { entries, dirs, discarded: 'it is empty' };
    if (st.size > MAX_CACHE_BYTES) return { entries, dirs, discarded: `it is larger than ${MAX_CACHE_BYTES} bytes` };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { entries, dirs } : { entries, dirs, discarded: `it could not be read (${code ?? 'error'})` };
  }
  if (!text.startsWith(MAGIC_PREFIX)) return { entries, dirs, discarded: 'it is not a vibe-skills cache', foreign: true };
  if (!text.startsWith(MAGIC)) return { entries, dirs, discarded: 'it was written by another version of vibe-skills (another cache format)' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { entries, dirs, discarded: 'it is corrupt (not valid JSON)' };
  }
  if (!isObj(data) || !Array.isArray(data.dirs) || !Array.isArray(data.skills)) return { entries, dirs, discarded: 'it is corrupt (unexpected shape)' };
  // Folder snapshots do not depend on the configuration: kept even when the key changed.
  const paths: Array<string | undefined> = [];
  for (const rec of data.dirs as unknown[]) {
    let p: string | undefined;
    if (isDirRecord(rec)) {
      const parent = rec[0] === -1 ? '' : paths[rec[0]];
      if (rec[0] === -1) p = rec[1];
      else if (parent !== undefined && rec[1] !== '' && !rec[1].includes('/') && !rec[1].includes(path.sep)) p = joinName(parent, rec[1]);
    }
    paths.push(p);
    if (p !== undefined) dirs.set(p, rec as DirRecord);
  }
  if (data.key !== key) return { entries, dirs, discarded: 'the tool version or the configuration changed' };
  for (const rec of data.skills as unknown[]) {
    if (!Array.isArray(rec) || rec.length !== S.Length || typeof rec[S.Fingerprint] !== 'string') continue;
    const where: unknown = rec[S.Where];
    const folder = typeof where === 'number' ? paths[where] : undefined;
    const skillPath = folder !== undefined ? joinName(folder, 'SKILL.md') : where;
    if (typeof skillPath === 'string') entries.set(skillPath, rec);
  }
  return { entries, dirs };
}

/** Why a file at the cache location is not ours, as the save message says it. */
const FOREIGN_REASON: Readonly<Record<string, string>> = {
  'it is a symbolic link': 'is a symbolic link',
  'it is not a regular file': 'is not a regular file (a folder?)',
};

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
    const head = Buffer.alloc(MAGIC_PREFIX.length);
    const n = readSync(fd, head, 0, head.length, 0);
    // Any format of ours may be replaced: an old cache is upgraded, not kept forever.
    if (head.subarray(0, n).toString('utf8') === MAGIC_PREFIX) return { ok: true };
  } catch {
    // Unreadable: treat as foreign below.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { ok: false, message: `${file} exists and is not a vibe-skills cache` };
}

// ------------------------------------------------------------------ stamps and snapshots

/** A stamp may prove "unchanged" only when it was older than RACY_MS at the time it was taken. */
function trusted(mtimeMs: number, ctimeMs: number, at: number): boolean {
  // A zero ctime: the file system keeps none, so the stamp cannot prove anything.
  return mtimeMs < at - RACY_MS && ctimeMs < at - RACY_MS && ctimeMs !== 0;
}

/** A stored ctime: 0 when it equals the mtime, as it does after most writes (a trusted ctime is never 0). */
const packCtime = (mtimeMs: number, ctimeMs: number): number => (ctimeMs === mtimeMs ? 0 : ctimeMs);
const unpackCtime = (mtimeMs: number, stored: number): number => (stored === 0 ? mtimeMs : stored);

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

/** The entries of a stored listing, or undefined if it is damaged. */
function snapshotEntries(listing: string): DirEntry[] | undefined {
  const out: DirEntry[] = [];
  if (listing === '') return out;
  for (const t of listing.split('/')) {
    const type = t[0];
    if (t.length < 2 || (type !== 'f' && type !== 'd' && type !== 'l' && type !== 'o')) return undefined;
    out.push(new SnapshotEntry(t.slice(1), type));
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

  /** Content hash and trusted stamp into a record; says whether anything changed. */
  const stamp = (rec: SkillRecord, content: { hash: string; stamp: FileStamp } | undefined): boolean => {
    const st = content?.stamp;
    const keep = content !== undefined && st !== undefined && trusted(st.mtimeMs, st.ctimeMs, st.at);
    const next = keep ? [content.hash, st.ino, st.size, st.mtimeMs, packCtime(st.mtimeMs, st.ctimeMs)] : [0, -1, 0, 0, 0];
    let changed = false;
    for (let i = 0; i < next.length; i++) {
      if (rec[S.Content + i] !== next[i]) {
        rec[S.Content + i] = next[i];
        changed = true;
      }
    }
    return changed;
  };

  return {
    file: abs,
    discarded: loaded.discarded,
    stats,
    unchangedContent(skillPath) {
      const rec = entries.get(skillPath);
      if (rec === undefined) return undefined;
      const [c, ino, size, mtimeMs, ctimeMs] = [rec[S.Content], rec[S.Ino], rec[S.Size], rec[S.Mtime], rec[S.Ctime]];
      if (typeof c !== 'string' || !isNat(ino) || !isNat(size) || !isStamp(mtimeMs) || !isStamp(ctimeMs)) return undefined;
      let st;
      try {
        st = lstatSync(skillPath);
      } catch {
        return undefined;
      }
      return st.isFile() && st.ino === ino && st.size === size && st.mtimeMs === mtimeMs && st.ctimeMs === unpackCtime(mtimeMs, ctimeMs) ? c : undefined;
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
      if (rec !== undefined && rec[2] === st.ino && rec[3] === st.mtimeMs && unpackCtime(rec[3], rec[4]) === st.ctimeMs) {
        const snap = snapshotEntries(rec[5]);
        if (snap) return snap;
      }
      const read = readdirSync(dir, { withFileTypes: true });
      if (trusted(st.mtimeMs, st.ctimeMs, now)) {
        dirs.set(dir, [-1, '', st.ino, st.mtimeMs, packCtime(st.mtimeMs, st.ctimeMs), read.map(typed).join('/')]);
        dirty = true;
      } else if (rec !== undefined) {
        dirs.delete(dir);
        dirty = true;
      }
      return read;
    },
    get(skillPath, fingerprint) {
      const rec = entries.get(skillPath);
      if (rec === undefined || rec[S.Fingerprint] !== fingerprint) {
        stats.misses++;
        return undefined;
      }
      const result = decodeResult(rec, skillPath);
      if (result === undefined) {
        // Damaged entry (hand-edited, bit rot): drop it and let the caller re-lint.
        entries.delete(skillPath);
        dirty = true;
        stats.misses++;
        return undefined;
      }
      touched.add(skillPath);
      stats.hits++;
      return result;
    },
    set(skillPath, fingerprint, result, content) {
      const rec: SkillRecord = new Array<unknown>(S.Length).fill(0);
      rec[S.Fingerprint] = fingerprint;
      stamp(rec, content);
      encodeResult(rec, skillPath, result);
      entries.set(skillPath, rec);
      touched.add(skillPath);
      dirty = true;
    },
    restamp(skillPath, content) {
      const rec = entries.get(skillPath);
      if (rec !== undefined && stamp(rec, content)) dirty = true;
    },
    save() {
      if (loaded.foreign) {
        return {
          ok: false,
          message: `not writing the cache: ${abs} ${FOREIGN_REASON[loaded.discarded ?? ''] ?? 'exists and is not a vibe-skills cache'}`,
          hint: 'pass another --cache-location, or delete that file if it is an old cache',
        };
      }
      if (!dirty) return { ok: true, written: false };
      const check = replaceable(abs);
      if (!check.ok) return { ok: false, message: `not writing the cache: ${check.message}`, hint: 'pass another --cache-location' };
      const text = serialize(key, entries, touched, dirs, touchedDirs);

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

/** Up to `max` keys: those used in this run first, then older ones (other roots validated with the same cache). */
function keep<T>(all: Map<string, T>, used: Set<string>, max: number): string[] {
  const out: string[] = [];
  for (const k of used) if (out.length < max && all.has(k)) out.push(k);
  for (const k of all.keys()) {
    if (out.length >= max) break;
    if (!used.has(k)) out.push(k);
  }
  return out;
}

function serialize(key: string, entries: Map<string, SkillRecord>, touched: Set<string>, dirs: Map<string, DirRecord>, touchedDirs: Set<string>): string {
  // Sorted, a folder comes after the folder holding it (its path is a prefix), so the parent's index is known.
  const dirKeys = keep(dirs, touchedDirs, MAX_CACHE_DIRS).sort();
  const index = new Map<string, number>();
  const outDirs: DirRecord[] = [];
  for (const k of dirKeys) {
    const r = dirs.get(k)!;
    const parent = path.dirname(k);
    const name = path.basename(k);
    const i = parent !== k ? index.get(parent) : undefined;
    const relative = i !== undefined && name !== '' && joinName(parent, name) === k;
    index.set(k, outDirs.length);
    outDirs.push([relative ? i : -1, relative ? name : k, r[2], r[3], r[4], r[5]]);
  }
  const outSkills: SkillRecord[] = [];
  for (const k of keep(entries, touched, MAX_CACHE_ENTRIES)) {
    const rec = entries.get(k)!.slice();
    const folder = path.dirname(k);
    const i = index.get(folder);
    rec[S.Where] = i !== undefined && joinName(folder, 'SKILL.md') === k ? i : k;
    outSkills.push(rec);
  }
  return `${MAGIC}"key":${JSON.stringify(key)},"dirs":${JSON.stringify(outDirs)},"skills":${JSON.stringify(outSkills)}}\n`;
}
