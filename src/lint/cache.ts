/**
 * The `--cache` store: per-skill diagnostics and summaries, reused when nothing a per-skill
 * rule can see has changed. Like ESLint's cache, one JSON file; unlike a stat-based cache it
 * can never serve a stale result.
 *
 * What a per-skill rule sees is exactly: the SKILL.md bytes, the listing of the skill folder
 * (names, folders, symlinks with their resolved targets, the truncation flag), the display
 * path, the tool version and the effective configuration. Rules do no I/O (src/lint/types.ts),
 * so the contents of references/ files cannot change a result — only their names can.
 * The fingerprint therefore hashes the SKILL.md *contents* plus that listing, and the cache
 * key (checked once per file) covers version + configuration.
 *
 * Why contents and not size + mtime: the reader reads SKILL.md anyway (the listing is needed
 * too), so hashing adds only SHA-256 over ~3 KB per skill (~10 µs), while mtime-based caches
 * go stale when a file is rewritten within the timestamp granularity with the same size
 * (editors, `git checkout`, generators) or when mtimes are restored (tar, rsync -t, CI
 * caches). A content hash has no such window.
 *
 * Robustness: a missing, unreadable, corrupt, oversized or foreign file means an empty cache,
 * never an exception; entries are validated before use. `save()` writes a temp file in the
 * same folder and renames it over the old one, so readers see the old or the new file, never
 * half of one. It refuses to overwrite a file that is not a vibe-skills cache (a mistyped
 * `--cache-location package.json` must not destroy package.json).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SkillSummary } from '../skill/model.js';
import type { Diagnostic, Position } from '../types.js';

/** Every cache file starts with exactly these bytes; anything else is not ours. */
const MAGIC = '{"vibeSkillsCache":1,';
/** A cache larger than this is ignored (10,000 skills take a few MB). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** Entries kept at most; entries not used in this run are dropped first. */
export const MAX_CACHE_ENTRIES = 100_000;

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
  set(skillPath: string, fingerprint: string, result: CachedSkill): void;
  /** Write the cache atomically (temp file + rename). Never throws. */
  save(): SaveResult;
  readonly stats: { hits: number; misses: number };
}

interface Entry {
  h: string;
  d: unknown;
  s: unknown;
}

/** What a per-skill rule can see, besides configuration: the input of the fingerprint. */
export interface SkillFingerprintInput {
  /** Display path of SKILL.md (diagnostics carry it). */
  file: string;
  /** The SKILL.md bytes as read (before decoding, so encoding problems are covered too). */
  content: Uint8Array;
  /** The skill folder listing, in the reader's order. */
  files: Iterable<string>;
  symlinks: ReadonlyArray<{ path: string; target: string; inside: boolean }>;
  filesTruncated: boolean;
}

/**
 * SHA-256 over the SKILL.md bytes and the folder listing. Strings are length-prefixed so
 * that no two different inputs serialise alike. The listing is not sorted: an order change
 * is a (harmless) miss, and not sorting is cheaper.
 */
export function fingerprintSkill(input: SkillFingerprintInput): string {
  const h = createHash('sha256');
  const str = (tag: string, s: string) => h.update(`${tag}${s.length}:${s}`);
  str('f', input.file);
  h.update(`c${input.content.byteLength}:`);
  h.update(input.content);
  for (const f of input.files) str('l', f);
  for (const l of input.symlinks) {
    str('s', l.path);
    str('t', l.target);
    h.update(l.inside ? 'i' : 'o');
  }
  h.update(input.filesTruncated ? 'T' : 'F');
  return h.digest('base64url');
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
  discarded?: string;
  /** The file exists and is not a cache of ours: never overwrite it. */
  foreign?: boolean;
}

function load(file: string, key: string): Loaded {
  const entries = new Map<string, Entry>();
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { entries, discarded: 'it is not a regular file', foreign: true };
    if (st.size === 0) return { entries, discarded: 'it is empty' };
    if (st.size > MAX_CACHE_BYTES) return { entries, discarded: `it is larger than ${MAX_CACHE_BYTES} bytes` };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { entries } : { entries, discarded: `it could not be read (${code ?? 'error'})` };
  }
  if (!text.startsWith(MAGIC)) return { entries, discarded: 'it is not a vibe-skills cache', foreign: true };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { entries, discarded: 'it is corrupt (not valid JSON)' };
  }
  if (!isObj(data) || !isObj(data.entries)) return { entries, discarded: 'it is corrupt (unexpected shape)' };
  if (data.key !== key) return { entries, discarded: 'the tool version or the configuration changed' };
  for (const [k, v] of Object.entries(data.entries)) if (isEntry(v)) entries.set(k, v);
  return { entries };
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

// ------------------------------------------------------------------ the cache

/**
 * Open (or start) the cache in `file` for configuration `key` (see cacheKey). Reads the file
 * once, synchronously; never throws.
 */
export function openCache(file: string, key: string): LintCache {
  const abs = path.resolve(file);
  const loaded = load(abs, key);
  const entries = loaded.entries;
  const touched = new Set<string>();
  const stats = { hits: 0, misses: 0 };
  let dirty = loaded.discarded !== undefined;

  return {
    file: abs,
    discarded: loaded.discarded,
    stats,
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
    set(skillPath, fingerprint, result) {
      entries.set(skillPath, { h: fingerprint, d: result.diagnostics, s: result.summary });
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
      const text = `${MAGIC}"key":${JSON.stringify(key)},"entries":${JSON.stringify(out)}}\n`;

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
