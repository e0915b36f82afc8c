/**
 * A fast path for the frontmatter almost every SKILL.md has: a flat block mapping of
 * single-line scalars, block scalars (`|`, `>`), simple lists and one-level maps.
 *
 * Why: the `yaml` package costs 0.15–0.3 ms per small document (its lexer, CST, composer and
 * toJS stages), which alone exceeds the time budget for 2,000 skills. This parser walks the
 * lines once and builds the same fields the yaml-based path (`parseFrontmatterYaml`) returns.
 *
 * Contract: the result, when there is one, deep-equals what the yaml path returns for the same
 * text (values, positions, styles). Whenever anything is even slightly unusual — anchors,
 * aliases, tags, flow collections, multi-line plain or quoted scalars, tabs, control characters,
 * duplicate keys, odd indentation, explicit indentation indicators, empty block scalars — it
 * returns `undefined` and the caller uses the yaml path, which also produces the diagnostics.
 * It never reports errors itself: an input that would be an error is always a fallback.
 * tests/speed/fast-yaml.property.test.ts compares both paths on generated input.
 */
import type { FrontmatterField } from './model.js';

export interface FastFrontmatter {
  fields: FrontmatterField[];
}

/*
 * Bounds stricter than the yaml path's (64 KiB, 64 nesting levels, 256 leading spaces/dashes),
 * so that an input the yaml path refuses as too large or too deep is never answered here.
 */
const MAX_TEXT = 16 * 1024;
const MAX_OPEN_BRACKETS = 32;
const MAX_LEADING = 128;
/**
 * A line that starts with more than MAX_LEADING spaces and dashes. Only `\n` breaks lines
 * here: every other line terminator made the text fall back already (UNUSUAL_CHAR).
 */
const LONG_LEAD = new RegExp(`(?:^|\\n)[ -]{${MAX_LEADING + 1}}`);

/*
 * Characters that make us step aside: tabs (indentation rules), CR and other C0/C1 controls,
 * DEL, BOM, NEL/LS/PS (YAML line-break semantics), U+FFFE/U+FFFF, and lone surrogates.
 * The surrogate check needs a /u regex, which is several times slower; it runs only when the
 * text has surrogates at all (emoji).
 */
// eslint-disable-next-line no-control-regex
const UNUSUAL_CHAR = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const LONE_SURROGATE = /\p{Cs}/u;
/** One scan for the common case: none of the above, no surrogates, no brackets. */
// eslint-disable-next-line no-control-regex
const NEEDS_CHECKS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff[{]/;

/**
 * Keys we accept: a word starting with a letter or `_`, then letters, digits, `_` and `-`, at
 * most 128 characters (YAML allows 1,024 before the `:` of an implicit key and the yaml
 * package enforces it; found by the property test), followed by `:` and a space or the end of
 * the line. Anything else goes to the yaml path.
 */
const MAX_KEY = 128;
/** Keys that the core schema would resolve to a non-string (the yaml path rejects or stringifies them). */
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/** A key word at `lastIndex`: a native match instead of a call per character. */
const KEY_WORD = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** The key starting at `from` on `line`, or undefined when the line is not `key:` + space/end. */
function keyAt(line: string, from: number): string | undefined {
  KEY_WORD.lastIndex = from;
  if (!KEY_WORD.test(line)) return undefined;
  const e = KEY_WORD.lastIndex;
  if (e - from > MAX_KEY || line.charCodeAt(e) !== 58 /* : */) return undefined;
  if (e + 1 < line.length && line.charCodeAt(e + 1) !== 32) return undefined;
  const key = line.slice(from, e);
  // Only 4- and 5-letter keys can be `null`, `true`, `false` and friends.
  if ((key.length === 4 || key.length === 5) && SPECIAL_KEY.test(key)) return undefined;
  return key;
}

/* YAML 1.2 core schema, in the order the `yaml` package tries its tags. */
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_INT_OCT = /^0o[0-7]+$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_INT_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/*
 * Per-character tables for the two tests every plain scalar goes through: one lookup instead of
 * a chain of comparisons, which a cold run executes one by one in V8's interpreter.
 */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** First characters of a plain scalar that may resolve to something other than a string: `~`, `.`, `+`, `-`, digits, n/N, t/T, f/F. */
const SPECIAL_START = charTable('~.+-0123456789nNtTfF');

function startsSpecial(c: number): boolean {
  return c < 128 && SPECIAL_START[c] === 1;
}

/** Resolve a plain scalar the way the `yaml` package's core schema does. */
export function resolvePlain(s: string): unknown {
  // Cheap exit for the common case: words that cannot be special.
  if (s.length !== 0 && !startsSpecial(s.charCodeAt(0))) return s;
  if (CORE_NULL.test(s)) return null;
  if (CORE_BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (CORE_INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (CORE_INT.test(s)) return parseInt(s, 10);
  if (CORE_INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (CORE_FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (CORE_FLOAT_EXP.test(s)) return parseFloat(s);
  if (CORE_FLOAT.test(s)) return parseFloat(s);
  return s;
}

const DQ_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

const HEX = /^[0-9a-fA-F]+$/;

/** A scalar read from one line: its value, style and where the text after it starts. */
interface InlineScalar {
  value: unknown;
  style: 'plain' | 'single' | 'double' | 'null';
}

/** Sentinel for "not certain": the caller falls back to the yaml path. */
const BAIL = undefined;

/** After a closing quote only spaces and an optional ` # comment` may follow. */
function restIsComment(line: string, from: number): boolean {
  let i = from;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  if (i === line.length) return true;
  return i > from && line.charCodeAt(i) === 35;
}

function doubleQuoted(line: string, start: number): InlineScalar | undefined {
  // Nearly every double-quoted value has no escape: two native searches find its end and the
  // character loop below (interpreted, per character, in a cold run) is not needed.
  const close = line.indexOf('"', start + 1);
  if (close === -1) return BAIL; // continues on the next line: multi-line folding rules
  const escape = line.indexOf('\\', start + 1);
  if (escape === -1 || escape > close) {
    if (!restIsComment(line, close + 1)) return BAIL;
    return { value: line.slice(start + 1, close), style: 'double' };
  }
  let out = '';
  let i = start + 1;
  let runStart = i;
  for (;;) {
    if (i >= line.length) return BAIL; // continues on the next line: multi-line folding rules
    const c = line.charCodeAt(i);
    if (c === 34 /* " */) break;
    if (c === 92 /* \ */) {
      out += line.slice(runStart, i);
      const next = line[i + 1];
      if (next === undefined) return BAIL; // escaped line break
      const simple = DQ_ESCAPES[next];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = line.substr(i + 2, len);
        if (hex.length !== len || !HEX.test(hex)) return BAIL;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) return BAIL;
        out += String.fromCodePoint(code);
        i += 2 + len;
      } else {
        return BAIL; // invalid escape: an error in the yaml path
      }
      runStart = i;
      continue;
    }
    i++;
  }
  out += line.slice(runStart, i);
  if (!restIsComment(line, i + 1)) return BAIL;
  return { value: out, style: 'double' };
}

function singleQuoted(line: string, start: number): InlineScalar | undefined {
  let out = '';
  let i = start + 1;
  for (;;) {
    const q = line.indexOf("'", i);
    if (q === -1) return BAIL; // multi-line
    out += line.slice(i, q);
    if (line.charCodeAt(q + 1) === 39) {
      out += "'";
      i = q + 2;
      continue;
    }
    if (!restIsComment(line, q + 1)) return BAIL;
    return { value: out, style: 'single' };
  }
}

/*
 * First characters a plain scalar may not start with (or that change its meaning):
 * indicators `-?:,[]{}#&*!|>'"%@` and backtick. `-`, `?`, `:` followed by a non-space are
 * legal YAML but rare in frontmatter; we keep the rule simple and fall back.
 */
const INDICATOR = charTable('-?:,[]{}#&*!|>\'"%@`');

function isIndicator(c: number): boolean {
  return c < 128 && INDICATOR[c] === 1;
}

/** A plain scalar that ends on its line: cut at ` #`, refuse `: ` and a trailing `:`. */
function plainScalar(line: string, start: number): InlineScalar | undefined {
  if (isIndicator(line.charCodeAt(start))) return BAIL;
  let end = line.indexOf(' #', start);
  if (end === -1) end = line.length;
  let text = line.slice(start, end);
  // `a: b` inside would start a nested mapping (an error in block context) — let yaml say so.
  if (text.includes(': ')) return BAIL;
  // Only spaces end a plain scalar; String#trimEnd would also eat U+00A0 and other Unicode spaces.
  let e = text.length;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  text = text.slice(0, e);
  if (text.length === 0 || text.charCodeAt(text.length - 1) === 58 /* : */) return BAIL;
  const value = resolvePlain(text);
  return { value, style: value === null ? 'null' : 'plain' };
}

/** One-line scalar at `start` (a non-space) on `line`. */
function inlineScalar(line: string, start: number): InlineScalar | undefined {
  const c = line.charCodeAt(start);
  if (c === 34) return doubleQuoted(line, start);
  if (c === 39) return singleQuoted(line, start);
  return plainScalar(line, start);
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

/** Blank (only spaces) or a comment line (spaces then `#`). */
function isBlankOrComment(line: string): boolean {
  const i = indentOf(line);
  return i === line.length || line.charCodeAt(i) === 35;
}

/**
 * Parse `text` (frontmatter between the `---` lines; text line 1 is file line `firstLine`).
 * Returns the fields, or `undefined` when the yaml path must decide.
 */
export function fastParseFrontmatter(text: string, firstLine: number): FastFrontmatter | undefined {
  if (text.length > MAX_TEXT) return BAIL;
  if (NEEDS_CHECKS.test(text)) {
    if (UNUSUAL_CHAR.test(text) || LONE_SURROGATE.test(text)) return BAIL;
    let open = 0;
    for (let j = text.indexOf('['); j !== -1; j = text.indexOf('[', j + 1)) if (++open > MAX_OPEN_BRACKETS) return BAIL;
    for (let j = text.indexOf('{'); j !== -1; j = text.indexOf('{', j + 1)) if (++open > MAX_OPEN_BRACKETS) return BAIL;
  }

  if (LONG_LEAD.test(text)) return BAIL;
  const lines = text.split('\n');
  // A final '' after the last newline is not a line of its own.
  const endsWithNewline = lines.length > 0 && lines[lines.length - 1] === '';
  const n = endsWithNewline ? lines.length - 1 : lines.length;

  const fields: FrontmatterField[] = [];
  const seen: string[] = [];

  let i = 0;
  while (i < n) {
    const line = lines[i]!;
    // A top-level key starts with a letter or `_`: only other lines need the blank/comment scan.
    const c0 = line.charCodeAt(0);
    if ((c0 === 32 || c0 === 35 || line.length === 0) && isBlankOrComment(line)) {
      i++;
      continue;
    }
    if (c0 === 32) {
      // Indented content outside any structure we opened: a continuation line or bad
      // indentation. Each has its own rules; the yaml path knows them.
      return BAIL;
    }
    const key = keyAt(line, 0);
    if (key === undefined || seen.includes(key)) return BAIL;
    seen.push(key);
    const keyPos = { line: i + firstLine, column: 1 };
    const afterColon = key.length + 1;
    const start = indentOfFrom(line, afterColon);

    if (start === line.length) {
      // `key:` with nothing after it on the line: a nested block, or null.
      const valueCol = line.length + 1;
      const next = nextContentLine(lines, i + 1, n);
      if (next !== -1) {
        const nl = lines[next]!;
        const ind = indentOf(nl);
        const isItem = nl.charCodeAt(ind) === 45 && (ind + 1 === nl.length || nl.charCodeAt(ind + 1) === 32);
        if (isItem) {
          const seq = blockSequence(lines, next, n, ind);
          if (seq === undefined) return BAIL;
          fields.push({ key, value: seq.value, keyPos, valuePos: { line: next + firstLine, column: ind + 1 }, style: 'seq' });
          i = seq.end;
          continue;
        }
        if (ind > 0) {
          const map = blockMap(lines, next, n, ind);
          if (map === undefined) return BAIL;
          fields.push({ key, value: map.value, keyPos, valuePos: { line: next + firstLine, column: ind + 1 }, style: 'map' });
          i = map.end;
          continue;
        }
      }
      // Comment lines between this key and the next move the null's range; keep it simple.
      if (i + 1 < n && lines[i + 1]!.length !== 0 && isBlankOrComment(lines[i + 1]!)) return BAIL;
      fields.push({ key, value: null, keyPos, valuePos: { line: i + firstLine, column: valueCol }, style: 'null' });
      i++;
      continue;
    }

    const c = line.charCodeAt(start);
    if (c === 35 /* # */) return BAIL; // `key: # comment` then maybe a nested block
    if (c === 124 /* | */ || c === 62 /* > */) {
      const block = blockScalar(lines, i, n, start, endsWithNewline);
      if (block === undefined) return BAIL;
      fields.push({ key, value: block.value, keyPos, valuePos: { line: i + firstLine, column: start + 1 }, style: block.style });
      i = block.end;
      continue;
    }
    const scalar = inlineScalar(line, start);
    if (scalar === undefined) return BAIL;
    fields.push({ key, value: scalar.value, keyPos, valuePos: { line: i + firstLine, column: start + 1 }, style: scalar.style });
    i++;
  }
  return { fields };
}

function indentOfFrom(line: string, from: number): number {
  let i = from;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

/** Index of the next line that is neither blank nor a comment, or -1. */
function nextContentLine(lines: string[], from: number, n: number): number {
  for (let j = from; j < n; j++) if (!isBlankOrComment(lines[j]!)) return j;
  return -1;
}

/**
 * A block sequence of one-line scalars whose `-` sits at column `ind + 1`, from line `from`.
 * Ends before the first content line that is not an item at that indentation.
 */
function blockSequence(
  lines: string[],
  from: number,
  n: number,
  ind: number,
): { value: unknown[]; end: number } | undefined {
  const value: unknown[] = [];
  let j = from;
  let end = from;
  while (j < n) {
    const line = lines[j]!;
    const li = indentOf(line);
    if (li === line.length || line.charCodeAt(li) === 35) {
      // Blank or a comment.
      j++;
      continue;
    }
    if (li < ind) break;
    if (li > ind) return BAIL; // continuation or nested block
    if (line.charCodeAt(li) !== 45) {
      if (ind === 0) break; // next top-level key after a zero-indented list
      return BAIL; // mapping after a list at the same indentation: an error
    }
    if (li + 1 === line.length || line.charCodeAt(li + 1) !== 32) return BAIL; // `-` alone: null or nested
    const start = indentOfFrom(line, li + 1);
    if (start === line.length) return BAIL;
    const c = line.charCodeAt(start);
    if (c === 124 || c === 62) return BAIL;
    const item = inlineScalar(line, start);
    if (item === undefined) return BAIL;
    value.push(item.value);
    j++;
    end = j;
  }
  return { value, end };
}

/**
 * A one-level block mapping of one-line scalars at indentation `ind` (> 0), from line `from`.
 */
function blockMap(lines: string[], from: number, n: number, ind: number): { value: Record<string, unknown>; end: number } | undefined {
  const value: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const seen: string[] = [];
  let j = from;
  let end = from;
  while (j < n) {
    const line = lines[j]!;
    const li = indentOf(line);
    if (li === line.length || line.charCodeAt(li) === 35) {
      // Blank or a comment.
      j++;
      continue;
    }
    if (li === 0) break;
    if (li !== ind) return BAIL;
    const key = keyAt(line, li);
    if (key === undefined || seen.includes(key)) return BAIL;
    seen.push(key);
    const afterColon = li + key.length + 1;
    const start = indentOfFrom(line, afterColon);
    if (start === line.length) return BAIL; // nested block or null
    const c = line.charCodeAt(start);
    if (c === 35 || c === 124 || c === 62) return BAIL;
    const item = inlineScalar(line, start);
    if (item === undefined) return BAIL;
    value[key] = item.value;
    j++;
    end = j;
  }
  return { value, end };
}

/**
 * A block scalar whose header (`|`, `>`, with optional `-`/`+`) is at `start` on line `i`.
 * Content is every following line indented at least as much as the first content line.
 */
function blockScalar(
  lines: string[],
  i: number,
  n: number,
  start: number,
  endsWithNewline: boolean,
): { value: string; style: 'block-literal' | 'block-folded'; end: number } | undefined {
  const header = lines[i]!.slice(start);
  const folded = header.charCodeAt(0) === 62;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  if (header.length === 2) {
    if (header[1] === '-') chomp = 'strip';
    else if (header[1] === '+') chomp = 'keep';
    else return BAIL; // indentation indicator, or junk
  } else if (header.length !== 1) {
    return BAIL; // comments or spaces after the header
  }

  // Leading empty lines, then the first content line sets the indentation.
  let j = i + 1;
  let leadingEmpty = 0;
  while (j < n && lines[j]!.length === 0) {
    leadingEmpty++;
    j++;
  }
  if (j >= n) return BAIL; // empty block scalar
  const first = lines[j]!;
  const ind = indentOf(first);
  if (ind === 0 || ind === first.length) return BAIL; // empty scalar, or whitespace-only line

  const content: string[] = [];
  for (let k = 0; k < leadingEmpty; k++) content.push('');
  let end = j;
  for (; j < n; j++) {
    const line = lines[j]!;
    if (line.length === 0) {
      content.push('');
      continue;
    }
    const li = indentOf(line);
    if (li === line.length) return BAIL; // whitespace-only line: indentation subtleties
    if (li < ind) break;
    const body = line.slice(ind);
    if (folded && body.charCodeAt(0) === 32) return BAIL; // more-indented lines keep their breaks
    content.push(body);
    end = j + 1;
  }
  // `j` is the first line after the scalar; lines [end, j) are trailing empty lines.
  if (j === n && !endsWithNewline) return BAIL; // last line without a line break
  const trailing = j - end;
  const lastContent = content.length - trailing;
  const kept = content.slice(0, lastContent);

  let value: string;
  if (folded) {
    value = '';
    let pendingBreaks = 0;
    let started = false;
    for (let k = 0; k < kept.length; k++) {
      const l = kept[k]!;
      if (l.length === 0) {
        pendingBreaks++;
        continue;
      }
      if (!started) {
        value += '\n'.repeat(pendingBreaks);
        started = true;
      } else {
        value += pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks);
      }
      value += l;
      pendingBreaks = 0;
    }
  } else {
    value = kept.join('\n');
  }
  if (chomp === 'clip') value += '\n';
  else if (chomp === 'keep') value += '\n'.repeat(1 + trailing);

  // After the scalar the top level resumes: the next line must start at column 1.
  if (j < n && lines[j]!.charCodeAt(0) === 32) return BAIL;
  return { value, style: folded ? 'block-folded' : 'block-literal', end: j };
}
