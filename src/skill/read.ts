/**
 * Reading a skill from disk, safely: bounded size, no binary, valid UTF-8, no symlinked
 * SKILL.md, a bounded listing of the skill folder. The only I/O in src/skill/.
 */
import buffer from 'node:buffer';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { analyzeBody } from './markdown.js';
import { buildFrontmatter, parseFrontmatterFast, splitFrontmatter, type ParsedFrontmatter } from './frontmatter.js';
import type { Frontmatter, ReadProblem, SkillBody, SkillDocument, SkillSummary } from './model.js';
import { own } from '../strings.js';

/** SKILL.md files larger than this are not read (Claude Code asks for under ~500 lines). */
export const MAX_SKILL_BYTES = 1024 * 1024;
/** A skill folder listing stops after this many entries. */
export const MAX_LISTED_FILES = 5000;
const MAX_LIST_DEPTH = 8;

/** What discovery and the folder listing need of a directory entry (an fs.Dirent has it). */
export interface DirEntry {
  readonly name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * Reads a folder's entries; throws like readdirSync. `validate --cache` passes one that
 * answers unchanged folders from its snapshot (src/lint/cache.ts).
 */
export type ReadDir = (dir: string) => readonly DirEntry[];

/** path.join for a normalised folder and one entry name, without path.join's normalising work (it runs per folder). */
export function joinName(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

export const readDirSync: ReadDir = (dir) => readdirSync(dir, { withFileTypes: true });

/** The identity of a file's contents as the file system reports it, taken before reading. */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** When the stamp was taken (Date.now()). */
  at: number;
}

export interface ReadOptions {
  /** Paths in diagnostics are relative to this folder. */
  cwd: string;
  /** Frontmatter parser; defaults to the fast path with the `yaml` package behind it. */
  parseFrontmatter?: (text: string, firstLine: number) => ParsedFrontmatter;
  /** List the files of the skill folder (needed by link and symlink rules). Default true. */
  listFiles?: boolean;
  /** The skill folder's entries if the caller already read them (discovery does). */
  entries?: readonly DirEntry[];
  /** How folders are read (default: readdirSync). */
  readDir?: ReadDir;
}

/** Display path: relative to cwd when inside it, `/` separators. Both paths absolute and normalised (path.resolve). */
export function displayPath(absolute: string, cwd: string): string {
  if (path.sep === '/') {
    // What path.relative would say, without its normalising work: this runs once per skill.
    if (absolute === cwd) return '.';
    if (cwd === '/') return absolute.slice(1);
    return absolute.startsWith(cwd) && absolute.charCodeAt(cwd.length) === 47 ? absolute.slice(cwd.length + 1) : absolute;
  }
  const rel = path.relative(cwd, absolute);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
  return shown.split(path.sep).join('/');
}

/**
 * UTF-8 to UTF-16 through Node's transcoder (simdutf), then one copy into the string. V8's own
 * UTF-8 decoder (behind TextDecoder and Buffer#toString) walks every byte twice, one at a time,
 * once a file holds a single non-ASCII character (a dash, an arrow): ~65,000 instructions for a
 * 3.3 KB SKILL.md against ~7,000 here (valgrind), ~40% less CPU for decoding. `transcode` is
 * missing from Node builds without ICU.
 */
const transcode = typeof buffer.transcode === 'function' ? buffer.transcode : undefined;

/** Valid UTF-8 bytes to the string TextDecoder would give, leading BOM included. */
function utf8Text(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  if (transcode) return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

const BINARY: ReadProblem = { kind: 'binary', message: 'SKILL.md is a binary file (it contains NUL bytes)', hint: 'SKILL.md must be UTF-8 Markdown text' };
const UTF16: ReadProblem = { kind: 'invalid-utf8', message: 'SKILL.md is UTF-16 text, not UTF-8', hint: 're-save the file as UTF-8 (most editors: "Save with encoding")' };
const INVALID_UTF8: ReadProblem = {
  kind: 'invalid-utf8',
  message: 'SKILL.md is not valid UTF-8',
  hint: 're-save the file as UTF-8 (most editors: "Save with encoding")',
};

/**
 * Bytes to normalised text, or the problem. Strict: what a fatal TextDecoder accepts
 * (`isUtf8` is the same simdutf check), and up to two leading BOMs go, as before: the decoder's
 * and ours.
 */
function decodeText(bytes: Uint8Array): string | ReadProblem {
  // UTF-16 (Windows editors' "Unicode") has a NUL in every ASCII character: say what it is.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { ...UTF16 };
  if (bytes.indexOf(0) !== -1) return { ...BINARY };
  if (!buffer.isUtf8(bytes)) return { ...INVALID_UTF8 };
  let text = utf8Text(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return text;
}

/** Turn bytes into normalised text (no BOM, LF endings) or say why not. */
export function decodeSkillText(bytes: Uint8Array): { text: string } | { problem: ReadProblem } {
  const decoded = decodeText(bytes);
  return typeof decoded === 'string' ? { text: decoded } : { problem: decoded };
}

/**
 * Most SKILL.md files are a few KB: they are read into this buffer first, without asking their
 * size (one fstat per file less, ~5 µs on a VM). Reused: what is read is copied out of it, or
 * decoded straight from it (`view`).
 */
let scratch: Buffer | undefined;
const SCRATCH_BYTES = 64 * 1024;

/**
 * Read at most MAX_SKILL_BYTES of a regular file, refusing symlinks. Synchronous on purpose:
 * a run reads thousands of ~3 KB files, and a few direct system calls per file (open with
 * O_NOFOLLOW, read, close; fstat when needed) are several times faster than the same work sent
 * through the libuv thread pool one promise at a time.
 *
 * `view` returns a small file as a view of the scratch buffer, valid until the next read: for
 * a caller that decodes it at once (decoding is a copy anyway).
 *
 * `stamp` (for `--cache`) asks for the file's identity, taken before reading. Without it, a
 * read that returns some bytes but less than the scratch buffer is the whole of a regular file;
 * only an empty or a large file, or a read that fails (a folder, a FIFO or device opened
 * non-blocking), costs the fstat that says which it is.
 */
/** A symlinked SKILL.md, with where it leads (the link's text only; nothing behind it is opened). */
function symlinkProblem(file: string): ReadProblem {
  let target: string | undefined;
  try {
    target = readlinkSync(file);
  } catch {
    /* replaced since: say no more than that it is a link */
  }
  const where = target === undefined ? '' : existsSync(file) ? ` to ${target}` : ` to ${target}, which does not exist`;
  return { kind: 'symlink', message: `SKILL.md is a symbolic link${where}`, hint: 'replace the link with the file itself; links can point outside the skill' };
}

function readBounded(file: string, stamp: boolean, view = false): { bytes: Uint8Array; stamp?: FileStamp } | { problem: ReadProblem } {
  let fd: number | undefined;
  try {
    try {
      fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') return { problem: symlinkProblem(file) };
      throw e;
    }
    if (!stamp) {
      scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
      let n = 0;
      try {
        n = readSync(fd, scratch, 0, SCRATCH_BYTES, 0);
      } catch {
        /* not a regular file, or unreadable: fstat below says which */
      }
      if (n > 0 && n < SCRATCH_BYTES) return { bytes: view ? scratch.subarray(0, n) : Buffer.from(scratch.subarray(0, n)) };
    }
    const at = Date.now();
    const st = fstatSync(fd);
    // O_NONBLOCK above: opening a FIFO must not wait for a writer; it is refused here.
    if (!st.isFile()) return { problem: { kind: 'not-a-file', message: 'SKILL.md is not a regular file' } };
    if (st.size > MAX_SKILL_BYTES) {
      return {
        problem: {
          kind: 'too-large',
          message: `SKILL.md is ${st.size} bytes, over the ${MAX_SKILL_BYTES}-byte limit`,
          hint: 'keep SKILL.md under ~500 lines and move detail into references/ files',
        },
      };
    }
    // Read at most the cap + 1 even if the file grew since fstat.
    const buf = Buffer.allocUnsafe(Math.min(st.size, MAX_SKILL_BYTES) + 1);
    let total = 0;
    for (;;) {
      const wanted = buf.length - total;
      const bytesRead = readSync(fd, buf, total, wanted, total);
      total += bytesRead;
      // A short read of a regular file is its end (libuv retries EINTR): no second call to learn it.
      if (bytesRead < wanted || total === buf.length) break;
    }
    if (total > MAX_SKILL_BYTES) {
      return { problem: { kind: 'too-large', message: `SKILL.md is over the ${MAX_SKILL_BYTES}-byte limit` } };
    }
    const bytes = buf.subarray(0, total);
    return stamp ? { bytes, stamp: { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, at } } : { bytes };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { problem: { kind: 'io', message: `SKILL.md could not be read (${code})`, hint: 'check that the file exists and is readable' } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read a bounded UTF-8 text file (SKILL.md or a references/ file): normalised text or why not. */
export async function readText(file: string): Promise<{ text: string } | { problem: ReadProblem }> {
  const read = readBounded(file, false, true);
  return 'problem' in read ? read : decodeSkillText(read.bytes);
}

export interface SkillListing {
  files: Set<string>;
  symlinks: Array<{ path: string; target: string; inside: boolean }>;
  truncated: boolean;
}

/**
 * List a skill folder: files (relative, `/`), folders end in `/`, symlinks apart. Bounded.
 * Synchronous for the same reason as readBounded; `realpath` is called only for links.
 */
export function listSkillFiles(dir: string, topEntries?: readonly DirEntry[], readDir: ReadDir = readDirSync): SkillListing {
  const files = new Set<string>();
  const symlinks: SkillListing['symlinks'] = [];
  let truncated = false;
  let realDir: string | undefined;
  const walk = (abs: string, rel: string, depth: number): void => {
    if (depth > MAX_LIST_DEPTH) {
      truncated = true;
      return;
    }
    let entries: readonly DirEntry[];
    try {
      entries = depth === 0 && topEntries ? topEntries : readDir(abs);
    } catch {
      return;
    }
    for (const e of entries) {
      if (files.size + symlinks.length >= MAX_LISTED_FILES) {
        truncated = true;
        return;
      }
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) {
        const absPath = path.join(abs, e.name);
        realDir ??= realpathSync(dir);
        let target: string;
        try {
          target = realpathSync(absPath);
        } catch {
          target = path.resolve(abs, '<dangling>');
        }
        const inside = target === realDir || target.startsWith(realDir + path.sep);
        symlinks.push({ path: relPath, target, inside });
      } else if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === '.git') continue;
        files.add(`${relPath}/`);
        walk(joinName(abs, e.name), relPath, depth + 1);
      } else if (e.isFile()) {
        files.add(relPath);
      }
    }
  };
  try {
    walk(dir, '', 0);
  } catch {
    /* a folder that vanished mid-walk: list what was seen */
  }
  return { files, symlinks, truncated };
}

/** Parse normalised SKILL.md text. Pure: used by readSkill and by tests and property tests. */
export function parseSkillText(
  text: string,
  where: { path: string; file: string; dir: string },
  parseFrontmatter: (text: string, firstLine: number) => ParsedFrontmatter = parseFrontmatterFast,
): Pick<SkillDocument, 'frontmatter' | 'body'> {
  const split = splitFrontmatter(text);
  const frontmatter = buildFrontmatter(split, parseFrontmatter);
  const analysis = analyzeBody(split.body, split.bodyStartLine);
  return { frontmatter, body: { text: split.body, startLine: split.bodyStartLine, ...analysis } };
}

/**
 * `path` absolute and normalised (a SKILL.md from discovery already is): path.resolve would
 * only walk it again character by character, once per skill. Anything else, `.` or `..`
 * segments, doubled or trailing separators, goes through path.resolve.
 */
const NOT_NORMAL = /\/\.{0,2}(?:\/|$)/;
function isNormalAbsolute(p: string): boolean {
  return path.sep === '/' && p.charCodeAt(0) === 47 && !NOT_NORMAL.test(p);
}

/**
 * A document with empty frontmatter and body, the parse fills them. Each object literal is
 * flat on purpose: V8 copies a literal with nested literals (arrays, objects) through the
 * runtime (~3,000 instructions more per document, valgrind), and this runs once per skill.
 */
function newDocument(skillMd: string, dir: string, folderName: string, cwd: string, listing: SkillListing | undefined): SkillDocument {
  const fields: Frontmatter['fields'] = [];
  const frontmatter: Frontmatter = { text: '', startLine: 0, endLine: 0, fields, data: Object.create(null) };
  const headings: SkillBody['headings'] = [];
  const codeBlocks: SkillBody['codeBlocks'] = [];
  const links: SkillBody['links'] = [];
  const references: SkillBody['references'] = [];
  const body: SkillBody = { text: '', startLine: 1, lineCount: 0, headings, codeBlocks, links, references };
  const files = listing ? listing.files : new Set<string>();
  const symlinks = listing ? listing.symlinks : [];
  return { path: skillMd, file: displayPath(skillMd, cwd), dir, folderName, frontmatter, body, files, symlinks, filesTruncated: listing ? listing.truncated : false };
}

/**
 * A skill's document with its folder listing, SKILL.md not yet read. `validate --cache` stops
 * here when the SKILL.md is unchanged since the cached run (see src/lint/cache.ts).
 */
export function openSkill(skillMdPath: string, options: ReadOptions): SkillDocument {
  let skillMd: string;
  let dir: string;
  let folderName: string;
  if (isNormalAbsolute(skillMdPath)) {
    // path.resolve, dirname and basename, for a path known normalised.
    skillMd = skillMdPath;
    const cut = skillMd.lastIndexOf('/');
    dir = cut === 0 ? '/' : skillMd.slice(0, cut);
    folderName = dir.slice(dir.lastIndexOf('/') + 1);
  } else {
    skillMd = path.resolve(options.cwd, skillMdPath);
    dir = path.dirname(skillMd);
    folderName = path.basename(dir);
  }
  const listing = options.listFiles !== false ? listSkillFiles(dir, options.entries, options.readDir) : undefined;
  return newDocument(skillMd, dir, folderName, options.cwd, listing);
}

/**
 * Read the SKILL.md bytes of an opened document (or record why they cannot be read), with the
 * file's identity as it was before the read (`--cache` keeps it); `{ stamp: false }` saves the
 * fstat when nobody keeps it.
 */
export function readSkillBytes(doc: SkillDocument, options: { stamp?: boolean } = {}): { bytes?: Uint8Array; stamp?: FileStamp } {
  const read = readBounded(doc.path, options.stamp ?? true);
  if ('problem' in read) {
    doc.readProblem = read.problem;
    return {};
  }
  return read;
}

/** Decode and parse SKILL.md bytes (from readSkillBytes) into the document. */
export function parseSkillBytes(doc: SkillDocument, bytes: Uint8Array, parseFrontmatter?: ReadOptions['parseFrontmatter']): SkillDocument {
  const decoded = decodeText(bytes);
  if (typeof decoded !== 'string') {
    doc.readProblem = decoded;
    return doc;
  }
  const parsed = parseSkillText(decoded, doc, parseFrontmatter);
  doc.frontmatter = parsed.frontmatter;
  doc.body = parsed.body;
  return doc;
}

/**
 * Read, decode and parse the SKILL.md of an opened document into it, or record why it cannot
 * be read: readSkillBytes + parseSkillBytes for a caller that keeps neither the bytes nor a
 * stamp. A small file is decoded straight from the scratch buffer, without a copy of its bytes.
 */
export function readSkillInto(doc: SkillDocument, parseFrontmatter?: ReadOptions['parseFrontmatter']): SkillDocument {
  const read = readBounded(doc.path, false, true);
  if ('problem' in read) {
    doc.readProblem = read.problem;
    return doc;
  }
  return parseSkillBytes(doc, read.bytes, parseFrontmatter);
}

/**
 * Read and parse one SKILL.md. Never throws: problems are data on the document. `cwd` defaults
 * to the working directory, and a relative one is taken from it (display paths need it absolute).
 */
export async function readSkill(skillMdPath: string, options: Partial<ReadOptions> = {}): Promise<SkillDocument> {
  return readSkillInto(openSkill(skillMdPath, { ...options, cwd: path.resolve(options.cwd ?? '.') }), options.parseFrontmatter);
}

/** The small record cross-skill rules need; the document itself can then be dropped. */
export function summarize(doc: SkillDocument): SkillSummary {
  const references = doc.body.references.map((r) => ({ name: own(r.name), line: r.line, column: r.column, section: own(r.section) }));
  const summary: SkillSummary = { file: doc.file, dir: doc.dir, folderName: doc.folderName, references };
  for (const f of doc.frontmatter.fields) {
    if (f.key === 'name' && typeof f.value === 'string') {
      summary.name = own(f.value);
      summary.namePos = f.valuePos;
    } else if (f.key === 'description' && typeof f.value === 'string') {
      summary.description = own(f.value);
      summary.descriptionPos = f.valuePos;
    }
  }
  return summary;
}
