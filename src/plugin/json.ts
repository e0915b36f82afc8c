/**
 * A small strict JSON scanner that keeps positions. `JSON.parse` tells neither where a key
 * is (diagnostics must point at the line of the offending key) nor, portably, where a syntax
 * error is (V8's message format changed between Node 20 and 22), and it silently keeps the
 * last of two duplicate keys. This scanner answers those three questions; values still come
 * from `JSON.parse`, so the data the rules see is exactly what every other tool sees.
 *
 * Bounded: nesting deeper than `maxDepth` is an error, not a stack overflow.
 */
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

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const ch = text[offset] ?? '';
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/** Scan `text` as one strict JSON document (RFC 8259). */
export function scanJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): ScanResult {
  const lines = new LineIndex(text);
  let i = 0;

  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };

  const expected = (what: string): never => {
    if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) throw new ScanError('comments are not allowed in JSON', i);
    throw new ScanError(`expected ${what} but found ${describeChar(text, i)}`, i);
  };

  const scanString = (): void => {
    // Caller checked the opening quote.
    const open = i;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            throw new ScanError('invalid \\u escape: expected four hex digits', i);
          }
          i += 6;
          continue;
        }
        if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          i += 2;
          continue;
        }
        throw new ScanError(`invalid escape sequence '\\${esc ?? ''}' in string`, i);
      }
      if (c < 0x20) {
        throw new ScanError(
          c === 0x0a || c === 0x0d ? 'unterminated string (a line break inside a string must be written as \\n)' : `unescaped ${describeChar(text, i)} in string`,
          i,
        );
      }
      i++;
    }
    throw new ScanError('unterminated string', open);
  };

  const scanNumber = (): void => {
    const start = i;
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0].length === 0) {
      i = start;
      expected('a value');
    }
    i += (m as RegExpExecArray)[0].length;
    const next = text[i];
    if (next !== undefined && /[0-9.eE+\-a-zA-Z_]/.test(next)) throw new ScanError(`invalid number near ${describeChar(text, i)}`, i);
  };

  const value = (depth: number): JsonNode => {
    ws();
    const start = i;
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      if (depth >= maxDepth) throw new ScanError(`nested deeper than ${maxDepth} levels`, i);
    }
    if (ch === '{') {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (text[i] === '}' && members.length > 0) throw new ScanError("trailing comma before '}' (JSON allows none)", i);
          expected('a property name in double quotes');
        }
        const keyStart = i;
        scanString();
        const key = JSON.parse(text.slice(keyStart, i)) as string;
        ws();
        if (text[i] !== ':') expected("':' after the property name");
        i++;
        const child = value(depth + 1);
        members.push({ key, keyStart, value: child });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', start, end: i, members };
        }
        expected("',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', start, end: i, items };
      }
      for (;;) {
        ws();
        if (text[i] === ']' && items.length > 0) throw new ScanError("trailing comma before ']' (JSON allows none)", i);
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', start, end: i, items };
        }
        expected("',' or ']'");
      }
    }
    if (ch === '"') {
      scanString();
      return { kind: 'string', start, end: i };
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return { kind: 'literal', start, end: i };
      }
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      scanNumber();
      return { kind: 'number', start, end: i };
    }
    if (ch === "'") throw new ScanError('strings must use double quotes', i);
    return expected('a value');
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) {
      throw new ScanError('the file starts with a byte order mark (BOM); JSON.parse-based tools such as the skills CLI cannot read it', 0);
    }
    ws();
    if (i >= text.length) throw new ScanError('the file is empty; expected a JSON object', i);
    const root = value(0);
    ws();
    if (i < text.length) throw new ScanError(`unexpected ${describeChar(text, i)} after the end of the JSON value`, i);
    return { ok: true, root, lines };
  } catch (error) {
    if (error instanceof ScanError) {
      const pos = lines.position(error.offset);
      return { ok: false, error: { message: error.message, offset: error.offset, ...pos }, lines };
    }
    throw error;
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
export function locate(root: JsonNode, lines: LineIndex, pointer: JsonPointer): Located {
  let node = root;
  let keyStart: number | undefined;
  for (const seg of pointer) {
    if (node.kind === 'object' && typeof seg === 'string') {
      let found: JsonMember | undefined;
      for (const m of node.members ?? []) if (m.key === seg) found = m;
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

/** Parse with positions: the scanner validates, JSON.parse builds the value. */
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
