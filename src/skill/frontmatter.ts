/**
 * Frontmatter: split it off a SKILL.md and parse it with the `yaml` package, keeping the
 * position of every top-level field.
 *
 * Why not gray-matter: it evaluates `---js` / `---javascript` frontmatter with `eval` by
 * default, and its YAML engine (js-yaml) drops positions. Splitting two `---` lines is a few
 * lines of code; parsing is left to `yaml`, with hard bounds against hostile input.
 */
import type { Node, Pair } from 'yaml';
import { yaml } from './yaml.js';
import { fastParseFrontmatter } from './fast-yaml.js';
import type { Frontmatter, FrontmatterError, FrontmatterField } from './model.js';
import type { Position } from '../types.js';

/** Frontmatter longer than this (in UTF-16 code units, as the text is held) is refused before parsing (descriptions are capped at 1,024). */
export const MAX_FRONTMATTER_CHARS = 64 * 1024;
/** Deeper nesting than this (flow brackets or indentation) is refused before parsing. */
export const MAX_NESTING = 64;
/** Alias expansions allowed while building values: enough for any honest file, fatal to a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

const OPEN = /^---[ \t]*$/;

export interface SplitResult {
  /** Frontmatter text between the fences (LF endings), or undefined when there is none. */
  text?: string;
  /** File line of the opening fence (1) or 0. */
  startLine: number;
  /** File line of the closing fence, 0 when unclosed. */
  endLine: number;
  /** Body text after the closing fence (whole text when no frontmatter). */
  body: string;
  /** File line where the body starts. */
  bodyStartLine: number;
}

/** Split normalised text (no BOM, LF endings) into frontmatter and body. */
export function splitFrontmatter(text: string): SplitResult {
  const firstEnd = text.indexOf('\n');
  const firstLine = firstEnd === -1 ? text : text.slice(0, firstEnd);
  if (!OPEN.test(firstLine)) {
    return { startLine: 0, endLine: 0, body: text, bodyStartLine: 1 };
  }
  let lineStart = firstEnd === -1 ? text.length : firstEnd + 1;
  let line = 2;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    // The closing fence: `---` (gray-matter, Claude Code and the skills CLI all close on it).
    if (text.charCodeAt(lineStart) === 45 && OPEN.test(text.slice(lineStart, lineEnd))) {
      return {
        text: text.slice(firstEnd + 1, lineStart),
        startLine: 1,
        endLine: line,
        body: lineEnd >= text.length ? '' : text.slice(lineEnd + 1),
        bodyStartLine: line + 1,
      };
    }
    lineStart = lineEnd + 1;
    line++;
  }
  return { text: firstEnd === -1 ? '' : text.slice(firstEnd + 1), startLine: 1, endLine: 0, body: '', bodyStartLine: line };
}

export interface ParsedFrontmatter {
  fields: FrontmatterField[];
  error?: FrontmatterError;
}

/** Deepest flow-bracket nesting and deepest indentation, found with one cheap scan. */
function nestingTooDeep(text: string): boolean {
  let depth = 0;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32 || c === 45) {
        // Spaces and `- ` sequence markers both open a level of block nesting.
        if (++indent > MAX_NESTING * 4) return true;
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return true;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return false;
}

/** `__proto__` and friends become plain own keys on null-prototype objects: nothing to pollute. */
function toSafe(value: unknown, depth = 0): unknown {
  if (depth > MAX_NESTING) return undefined;
  if (Array.isArray(value)) return value.map((v) => toSafe(v, depth + 1));
  if (value instanceof Map) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of value) out[String(k)] = toSafe(v, depth + 1);
    return out;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(value)) out[k] = toSafe((value as Record<string, unknown>)[k], depth + 1);
    return out;
  }
  return value;
}

function styleOf(node: Node | null | undefined): FrontmatterField['style'] {
  if (node == null) return 'null';
  if (yaml().isAlias(node)) return 'alias';
  if (yaml().isScalar(node)) {
    if (node.value === null && (node.type === 'PLAIN' || node.type === undefined)) return 'null';
    switch (node.type) {
      case 'QUOTE_SINGLE':
        return 'single';
      case 'QUOTE_DOUBLE':
        return 'double';
      case 'BLOCK_FOLDED':
        return 'block-folded';
      case 'BLOCK_LITERAL':
        return 'block-literal';
      default:
        return 'plain';
    }
  }
  if (yaml().isMap(node)) return node.flow ? 'flow-map' : 'map';
  if (yaml().isSeq(node)) return node.flow ? 'flow-seq' : 'seq';
  return 'other';
}

const KIND_BY_CODE: Record<string, FrontmatterError['kind']> = {
  DUPLICATE_KEY: 'duplicate-key',
};

/**
 * Frontmatter that Claude Code loads but YAML parsers reject. When a line fails, Claude Code
 * retries with that value quoted (and tabs replaced by spaces), so the skill loads there; the
 * `yaml` package (which the `skills` CLI loads), js-yaml and PyYAML reject the whole file, and the skill
 * silently disappears from every other client. The most common case is an unquoted `: `
 * inside a value (`description: Use when: the user asks`), then unquoted `[a] [b]` hints.
 */
function portabilityProblem(text: string, line: number, code: string): { key?: string; colon: boolean; tab: boolean } | undefined {
  const lines = text.split('\n');
  const src = lines[line - 1];
  if (src === undefined) return undefined;
  if (code === 'TAB_AS_INDENT' || /^ *\t/.test(src)) return { colon: false, tab: true };
  const m = /^([A-Za-z0-9_-]+):[ \t]+(\S.*?)[ \t]*$/.exec(src);
  if (!m) return undefined;
  const key = m[1]!;
  const value = m[2]!;
  if (/^[|>'"]/.test(value)) return undefined;
  lines[line - 1] = `${key}: ${JSON.stringify(value)}`;
  const retried = yaml().parseDocument(lines.join('\n'), { uniqueKeys: true, prettyErrors: false, version: '1.2' });
  if (retried.errors.length > 0) return undefined;
  return { key, colon: /:[ \t]/.test(value), tab: false };
}

/**
 * Parse frontmatter text with `yaml`. `firstLine` is the file line of the text's first line.
 * Never throws: every failure is a FrontmatterError.
 */
export function parseFrontmatterYaml(text: string, firstLine: number): ParsedFrontmatter {
  const at = (line: number, column: number): Position => ({ line: line + firstLine - 1, column });
  if (text.length > MAX_FRONTMATTER_CHARS) {
    return {
      fields: [],
      error: {
        kind: 'too-large',
        message: `frontmatter is ${text.length} characters, over the ${MAX_FRONTMATTER_CHARS}-character limit`,
        pos: at(1, 1),
        hint: 'keep frontmatter to a few fields; move long text into the body or references/',
      },
    };
  }
  if (nestingTooDeep(text)) {
    return {
      fields: [],
      error: {
        kind: 'too-deep',
        message: `frontmatter nests deeper than ${MAX_NESTING} levels`,
        pos: at(1, 1),
        hint: 'frontmatter fields are flat strings, lists and one-level maps; flatten the structure',
      },
    };
  }
  const lineCounter = new (yaml().LineCounter)();
  let doc;
  try {
    doc = yaml().parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter, version: '1.2' });
  } catch (e) {
    // The yaml package reports problems as data; a throw here is a stack overflow or similar.
    return { fields: [], error: { kind: 'yaml', message: `YAML could not be parsed: ${(e as Error).message}`, pos: at(1, 1) } };
  }
  const pos = (offset: number): Position => {
    const lp = lineCounter.linePos(offset);
    return at(lp.line, lp.col);
  };
  const first = doc.errors[0];
  if (first) {
    const p = pos(first.pos[0]);
    const portable = portabilityProblem(text, p.line - firstLine + 1, first.code);
    if (portable) {
      const key = portable.key ?? 'this field';
      return {
        fields: [],
        error: {
          kind: 'portability',
          message: portable.tab
            ? 'a tab indents this line: Claude Code replaces it and loads the skill, but the skills CLI, js-yaml 4 and PyYAML reject the whole frontmatter and drop the skill'
            : portable.colon
              ? `\`${key}\` has an unquoted ": " inside its value: Claude Code loads this, but the skills CLI, js-yaml and PyYAML reject the whole frontmatter and drop the skill`
              : `\`${key}\` is not valid YAML unquoted: Claude Code quotes it and loads the skill, but the skills CLI, js-yaml and PyYAML reject the whole frontmatter and drop the skill`,
          pos: at(p.line - firstLine + 1, 1),
          hint: portable.tab
            ? 'indent with spaces'
            : `quote the value (${key}: "...") or use a folded block (${key}: >) with the text on the next lines`,
        },
      };
    }
    const message = first.message.split('\n')[0] ?? first.message;
    return {
      fields: [],
      error: {
        kind: KIND_BY_CODE[first.code] ?? 'yaml',
        message: first.code === 'DUPLICATE_KEY' ? `duplicate key: ${message}` : `invalid YAML: ${message}`,
        pos: p,
        hint: first.code === 'DUPLICATE_KEY' ? 'remove one of the two entries' : 'fix the YAML syntax; quote values that contain `: `, `#` or start with a special character',
      },
    };
  }
  const contents = doc.contents;
  if (contents === null || (yaml().isScalar(contents) && contents.value === null)) return { fields: [] };
  if (!yaml().isMap(contents) || contents.flow) {
    return {
      fields: [],
      error: {
        kind: 'not-a-mapping',
        message: 'frontmatter must be a mapping of `key: value` lines',
        pos: pos(contents.range?.[0] ?? 0),
        hint: 'write one `key: value` per line, starting with `name:` and `description:`',
      },
    };
  }
  const fields: FrontmatterField[] = [];
  for (const item of contents.items as Pair<unknown, unknown>[]) {
    const keyNode = item.key as Node | null;
    if (!yaml().isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      return {
        fields: [],
        error: {
          kind: 'yaml',
          message: 'frontmatter keys must be plain words',
          pos: pos(keyNode?.range?.[0] ?? 0),
          hint: 'write each field as `key: value`',
        },
      };
    }
    const valueNode = item.value as Node | null;
    let value: unknown;
    try {
      value = valueNode == null ? null : toSafe(valueNode.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true }));
    } catch (e) {
      return {
        fields: [],
        error: {
          kind: 'aliases',
          message: `\`${String(keyNode.value)}\` expands YAML aliases too many times (${(e as Error).message.split('\n')[0]})`,
          pos: pos(valueNode?.range?.[0] ?? 0),
          hint: 'write the value out; SKILL.md frontmatter has no use for anchors and aliases',
        },
      };
    }
    const keyRange = keyNode.range ?? [0, 0, 0];
    fields.push({
      key: String(keyNode.value),
      value,
      keyPos: pos(keyRange[0]),
      valuePos: pos(valueNode?.range?.[0] ?? keyRange[1]),
      style: styleOf(valueNode),
    });
  }
  return { fields };
}

/**
 * The parser the reader uses: the hand-written fast path for the common simple frontmatter
 * (proven equal to `yaml` by a property test), and `yaml` for everything else.
 */
export function parseFrontmatterFast(text: string, firstLine: number): ParsedFrontmatter {
  return fastParseFrontmatter(text, firstLine) ?? parseFrontmatterYaml(text, firstLine);
}

/** Build the Frontmatter record rules consume. */
export function buildFrontmatter(split: SplitResult, parse: (text: string, firstLine: number) => ParsedFrontmatter): Frontmatter {
  const data: Record<string, unknown> = Object.create(null);
  if (split.text === undefined) {
    return {
      text: '',
      startLine: 0,
      endLine: 0,
      fields: [],
      data,
      error: {
        kind: 'missing',
        message: 'SKILL.md has no frontmatter',
        pos: { line: 1, column: 1 },
        hint: 'start the file with a `---` line, then `name:` and `description:`, then a closing `---` line',
      },
    };
  }
  if (split.endLine === 0) {
    return {
      text: split.text,
      startLine: split.startLine,
      endLine: 0,
      fields: [],
      data,
      error: {
        kind: 'unclosed',
        message: 'frontmatter is never closed',
        pos: { line: split.startLine, column: 1 },
        hint: 'add a line with only `---` after the last frontmatter field',
      },
    };
  }
  const parsed = parse(split.text, split.startLine + 1);
  // An index loop: a for-of over an array allocates an iterator result per step until V8 optimises the caller.
  const fields = parsed.fields;
  for (let i = 0; i < fields.length; i++) data[fields[i]!.key] = fields[i]!.value;
  const fm: Frontmatter = { text: split.text, startLine: split.startLine, endLine: split.endLine, fields: parsed.fields, data };
  if (parsed.error) fm.error = parsed.error;
  return fm;
}
