/**
 * Strict JSON (RFC 8259) with positions. `JSON.parse` tells neither where a key is (diagnostics
 * must point at the line of the offending key) nor, portably, where a syntax error is (V8's
 * message format changed between Node 20 and 22), and it silently keeps the last of two
 * duplicate keys. Values still come from `JSON.parse`, so the data the rules see is exactly what
 * every other tool sees; this module only adds the where.
 *
 * Microsoft's jsonc-parser (the parser inside VS Code) does the parsing: tokens, grammar, strict
 * mode (`disallowComments`, no trailing commas) and the offset of every value, key and error,
 * reported through its `visit` callbacks. What is still written here, and why:
 * - The tree is built from those callbacks in our own shape, keeping duplicate members: `locate`
 *   must pick the last one, as JSON.parse does (jsonc's `findNodeAtLocation` picks the first).
 * - jsonc-parser recurses once per nesting level (100,000 `[` overflow its stack), so the
 *   begin callbacks stop the parse at `maxDepth`, before it recurses any further.
 * - The first error also stops the parse, and is worded from what the parser expected there and
 *   what it found (jsonc's error codes are terse). jsonc puts string and number errors at the
 *   start of the token, so those are narrowed to the offending character.
 * - A leading byte order mark and an empty file get messages of their own.
 * - `LineIndex` turns any offset into line/column; jsonc only counts lines while it scans.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import type { Position } from '../types.js';

export type JsonPointer = readonly (string | number)[];

export interface JsonNode {
  kind: 'object' | 'array' | 'string' | 'number' | 'literal';
  /** Offset of the first character of the value. */
  start: number;
  /** Offset just past the value. */
  end: number;
  /** Object members in source order (duplicates included). */
  members?: JsonMember[];
  /** Array items. */
  items?: JsonNode[];
}

export interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  value: JsonNode;
}

export interface JsonSyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export interface DuplicateKey {
  key: string;
  pointer: (string | number)[];
  /** Where the later (winning) occurrence starts. */
  pos: Position;
  /** Where the first occurrence starts. */
  firstPos: Position;
}

export type ScanResult = { ok: true; root: JsonNode; lines: LineIndex } | { ok: false; error: JsonSyntaxError; lines: LineIndex };

export const DEFAULT_MAX_DEPTH = 256;

/** Offsets of line starts, for offset -> 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** Thrown from a visitor callback: jsonc-parser has no other way to stop. */
class Stop extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** What the parser wants next; `more` is ',' or the closing bracket. */
type Expect = 'value' | 'key' | 'colon' | 'more' | 'end';

// The valid prefix of a string or number token; where it stops is the offending character.
const VALID_STRING = /"(?:[^"\\\u0000-\u001f]+|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*/y;
const VALID_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_ERRORS = new Set(['UnexpectedEndOfString', 'InvalidCharacter', 'InvalidEscapeCharacter', 'InvalidUnicode']);

function validPrefixEnd(re: RegExp, text: string, start: number): number {
  re.lastIndex = start;
  return start + (re.exec(text)?.[0].length ?? 0);
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const ch = text[offset] ?? '';
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f) return `control character ${hex}`;
  if (ch !== ' ' && /\s/.test(ch)) return `invisible character ${hex}`;
  return `'${ch}'`;
}

function stringError(text: string, start: number): Stop {
  const at = validPrefixEnd(VALID_STRING, text, start);
  const ch = text[at];
  if (ch === undefined || (ch === '\\' && at + 1 >= text.length)) return new Stop('unterminated string', start);
  if (ch === '\\') {
    const esc = text[at + 1] ?? '';
    return new Stop(esc === 'u' ? 'invalid \\u escape: expected four hex digits' : `invalid escape sequence '\\${esc}' in string`, at);
  }
  if (ch === '\n' || ch === '\r') return new Stop('unterminated string (a line break inside a string must be written as \\n)', at);
  return new Stop(`unescaped ${describeChar(text, at)} in string`, at);
}

/** Run jsonc-parser over `text`, building the tree; throws `Stop` at the first problem. */
function parse(text: string, maxDepth: number): JsonNode {
  const stack: { node: JsonNode; key?: string; keyStart?: number }[] = [];
  let root: JsonNode | undefined;
  let expect: Expect = 'value';
  let numberEnd = -1;
  const inObject = (): boolean => stack.at(-1)?.node.kind === 'object';

  const done = (node: JsonNode): void => {
    const parent = stack.at(-1);
    if (!parent) root = node;
    else if (parent.node.members) parent.node.members.push({ key: parent.key ?? '', keyStart: parent.keyStart ?? 0, value: node });
    else parent.node.items?.push(node);
    expect = parent ? 'more' : 'end';
  };
  const open = (node: JsonNode, next: Expect): void => {
    if (stack.length >= maxDepth) throw new Stop(`nested deeper than ${maxDepth} levels`, node.start);
    stack.push({ node });
    expect = next;
  };
  const close = (offset: number, length: number): void => {
    // jsonc also reports the end of an unclosed container (length 0 at end of file), just
    // before the error; keep the state so the error says what was expected.
    if (length === 0) return;
    const frame = stack.pop();
    if (!frame) return;
    frame.node.end = offset + length;
    done(frame.node);
  };

  const explain = (code: number, offset: number): Stop => {
    const name = printParseErrorCode(code as Parameters<typeof printParseErrorCode>[0]);
    if (name === 'InvalidCommentToken') return new Stop('comments are not allowed in JSON', offset);
    // jsonc reads a whole token before it complains; a flaw inside a string or number is only
    // the first problem where such a token may stand at all.
    if (STRING_ERRORS.has(name) && (expect === 'value' || expect === 'key')) return stringError(text, offset);
    if (name === 'UnexpectedEndOfNumber' && expect === 'value') {
      const at = validPrefixEnd(VALID_NUMBER, text, offset);
      return new Stop(`invalid number near ${describeChar(text, at)}`, at);
    }
    let at = offset;
    // `truex`, `null.` are one unknown word to jsonc; the literal is fine, what follows is not.
    const literal = name === 'InvalidSymbol' && expect === 'value' ? /^(?:true|false|null)/.exec(text.slice(at, at + 5)) : null;
    if (literal) {
      at += literal[0].length;
      expect = stack.length > 0 ? 'more' : 'end';
    }
    const ch = text[at];
    const found = describeChar(text, at);
    // `01`, `1.5.3`, `1x`: jsonc reads a number and then trips over the next token.
    if (at === numberEnd && ch !== undefined && /[\w.+-]/.test(ch)) return new Stop(`invalid number near ${found}`, at);
    // A closing bracket where a key or value must follow can only come after a comma.
    if ((expect === 'key' && ch === '}') || (expect === 'value' && ch === ']' && stack.at(-1)?.node.kind === 'array')) {
      return new Stop(`trailing comma before '${ch}' (JSON allows none)`, at);
    }
    if (ch === "'" && expect === 'value') return new Stop('strings must use double quotes', at);
    if (expect === 'end') return new Stop(`unexpected ${found} after the end of the JSON value`, at);
    const wanted = {
      value: 'a value',
      key: 'a property name in double quotes',
      colon: "':' after the property name",
      more: inObject() ? "',' or '}'" : "',' or ']'",
    }[expect];
    return new Stop(`expected ${wanted} but found ${found}`, at);
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => open({ kind: 'object', start: offset, end: offset, members: [] }, 'key'),
      onArrayBegin: (offset) => open({ kind: 'array', start: offset, end: offset, items: [] }, 'value'),
      onObjectEnd: close,
      onArrayEnd: close,
      onObjectProperty: (key, offset) => {
        const top = stack.at(-1);
        if (top) Object.assign(top, { key, keyStart: offset });
        expect = 'colon';
      },
      onSeparator: (sep) => {
        expect = sep === ',' && inObject() ? 'key' : 'value';
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const kind = typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'literal';
        if (kind === 'number') numberEnd = offset + length;
        done({ kind, start: offset, end: offset + length });
      },
      onError: (code, offset) => {
        throw explain(code, offset);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!root) throw new Stop('expected a JSON value', 0);
  return root;
}

/** Scan `text` as one strict JSON document (RFC 8259). */
export function scanJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): ScanResult {
  const lines = new LineIndex(text);
  try {
    if (text.charCodeAt(0) === 0xfeff) {
      throw new Stop('the file starts with a byte order mark (BOM); JSON.parse-based tools such as the skills CLI cannot read it', 0);
    }
    if (/^[ \t\r\n]*$/.test(text)) throw new Stop('the file is empty; expected a JSON object', text.length);
    return { ok: true, root: parse(text, maxDepth), lines };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ok: false, error: { message: error.message, offset: error.offset, ...lines.position(error.offset) }, lines };
  }
}

export interface Located {
  /** Position of the member's key (for object members). */
  key?: Position;
  /** Position of the value. */
  value: Position;
}

/**
 * Where the value at `pointer` is written. For a path that does not exist (a missing
 * required field), returns the deepest existing ancestor, which is where the fix goes.
 * With duplicate keys, the last one wins, as in JSON.parse.
 */
/**
 * An object's members by key, the last of a duplicate winning, built on the first lookup: a
 * manifest with 60,000 unknown keys is located key by key, which a scan of the members per
 * lookup made quadratic (40 s for a 0.9 MB file).
 */
const memberIndex = new WeakMap<JsonNode, Map<string, JsonMember>>();

function member(node: JsonNode, key: string): JsonMember | undefined {
  let index = memberIndex.get(node);
  if (index === undefined) {
    index = new Map();
    for (const m of node.members ?? []) index.set(m.key, m);
    memberIndex.set(node, index);
  }
  return index.get(key);
}

export function locate(root: JsonNode, lines: LineIndex, pointer: JsonPointer): Located {
  let node = root;
  let keyStart: number | undefined;
  for (const seg of pointer) {
    if (node.kind === 'object' && typeof seg === 'string') {
      const found = member(node, seg);
      if (!found) break;
      node = found.value;
      keyStart = found.keyStart;
    } else if (node.kind === 'array' && typeof seg === 'number' && node.items?.[seg]) {
      node = node.items[seg];
      keyStart = undefined;
    } else {
      break;
    }
  }
  return {
    ...(keyStart !== undefined ? { key: lines.position(keyStart) } : {}),
    value: lines.position(node.start),
  };
}

/** Every key that appears twice in the same object (JSON.parse silently keeps the last). */
export function duplicateKeys(root: JsonNode, lines: LineIndex): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: { node: JsonNode; pointer: (string | number)[] }[] = [{ node: root, pointer: [] }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop() as { node: JsonNode; pointer: (string | number)[] };
    if (node.kind === 'object') {
      const first = new Map<string, number>();
      for (const m of node.members ?? []) {
        const seen = first.get(m.key);
        if (seen === undefined) first.set(m.key, m.keyStart);
        else out.push({ key: m.key, pointer, pos: lines.position(m.keyStart), firstPos: lines.position(seen) });
        stack.push({ node: m.value, pointer: [...pointer, m.key] });
      }
    } else if (node.kind === 'array') {
      (node.items ?? []).forEach((item, index) => stack.push({ node: item, pointer: [...pointer, index] }));
    }
  }
  return out.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
}

/** Parse with positions: jsonc-parser validates and locates, JSON.parse builds the value. */
export function parseJsonWithPositions(
  text: string,
  maxDepth = DEFAULT_MAX_DEPTH,
): { ok: true; data: unknown; root: JsonNode; lines: LineIndex } | { ok: false; error: JsonSyntaxError } {
  const scanned = scanJson(text, maxDepth);
  if (!scanned.ok) return { ok: false, error: scanned.error };
  return { ok: true, data: JSON.parse(text) as unknown, root: scanned.root, lines: scanned.lines };
}

/** `a.b[0].c` for messages. */
export function formatPointer(pointer: JsonPointer): string {
  let out = '';
  for (const seg of pointer) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}
