/**
 * Shared facts and helpers for the frontmatter rules: which fields exist, what type each
 * one has, and where a nested value sits in the file.
 *
 * Sources: the Agent Skills specification (agentskills.io: name, description, license,
 * compatibility, metadata, allowed-tools) and the frontmatter schema Claude Code ships in
 * its CLI (2.1.x: model, disable-model-invocation, user-invocable, argument-hint, arguments,
 * context, agent, background, effort, shell, hooks, version, when_to_use, paths, disallowed-tools;
 * tests/compat/claude-code.test.ts reads the pinned CLI's schema and checks this list against it).
 */
import type { Document, Node, LineCounter } from 'yaml';
import { yaml } from '../../skill/yaml.js';
import { perDocument } from '../derived.js';
import type { Frontmatter, FrontmatterField, SkillDocument } from '../../skill/model.js';
import type { Position } from '../../types.js';

/** What a field's value must be. */
export type FieldKind = 'string' | 'boolean' | 'map' | 'string-or-list' | 'string-or-integer';

export interface KnownField {
  kind: FieldKind;
  /** `spec`: the Agent Skills specification; `claude-code`: Claude Code's own extras. */
  source: 'spec' | 'claude-code';
}

export const KNOWN_FIELDS: ReadonlyMap<string, KnownField> = new Map<string, KnownField>([
  ['name', { kind: 'string', source: 'spec' }],
  ['description', { kind: 'string', source: 'spec' }],
  ['license', { kind: 'string', source: 'spec' }],
  ['compatibility', { kind: 'string', source: 'spec' }],
  ['metadata', { kind: 'map', source: 'spec' }],
  ['allowed-tools', { kind: 'string-or-list', source: 'spec' }],
  ['model', { kind: 'string', source: 'claude-code' }],
  ['disable-model-invocation', { kind: 'boolean', source: 'claude-code' }],
  ['user-invocable', { kind: 'boolean', source: 'claude-code' }],
  ['argument-hint', { kind: 'string', source: 'claude-code' }],
  ['arguments', { kind: 'string-or-list', source: 'claude-code' }],
  ['context', { kind: 'string', source: 'claude-code' }],
  ['agent', { kind: 'string', source: 'claude-code' }],
  ['background', { kind: 'boolean', source: 'claude-code' }],
  ['effort', { kind: 'string-or-integer', source: 'claude-code' }],
  ['shell', { kind: 'string', source: 'claude-code' }],
  ['hooks', { kind: 'map', source: 'claude-code' }],
  ['version', { kind: 'string', source: 'claude-code' }],
  ['when_to_use', { kind: 'string', source: 'claude-code' }],
  ['paths', { kind: 'string-or-list', source: 'claude-code' }],
  ['disallowed-tools', { kind: 'string-or-list', source: 'claude-code' }],
]);

/**
 * Spellings Claude Code also reads (its schema normalizes them) but does not document: the
 * linter names the documented field rather than calling them unknown.
 */
export const UNDOCUMENTED_SPELLINGS: ReadonlyMap<string, string> = new Map([['disallowedTools', 'disallowed-tools']]);

/** The known fields matching `test`, as `a`, `b` and `c`: the rules' docs list them from the table above. */
export function fieldList(test: (field: KnownField) => boolean): string {
  const names = [...KNOWN_FIELDS].filter(([, field]) => test(field)).map(([key]) => `\`${key}\``);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * True when the frontmatter parsed into fields. Rules about fields stay silent otherwise:
 * the parse problem is reported once, by the rule that owns it, not as "name is missing".
 */
export function fieldsUsable(skill: SkillDocument): boolean {
  return !skill.readProblem && !skill.frontmatter.error && skill.frontmatter.endLine > 0;
}

/**
 * The usable fields by key (the first of a key wins, as a search in source order would find it);
 * empty when the fields are not usable. About 25 rules look up a field in every document, so the
 * index is built once per document (see ../derived.ts) and each lookup is one `Map#get`.
 */
const fieldIndex = perDocument((skill): ReadonlyMap<string, FrontmatterField> => {
  const index = new Map<string, FrontmatterField>();
  if (!fieldsUsable(skill)) return index;
  for (const field of skill.frontmatter.fields) if (!index.has(field.key)) index.set(field.key, field);
  return index;
});

export function getField(skill: SkillDocument, key: string): FrontmatterField | undefined {
  return fieldIndex(skill).get(key);
}

/** A short phrase for a value's YAML type, for messages: "the number 1", "a list". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : `the string "${clip(value, 40)}"`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** Shorten long text for a message. */
function clip(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * Length in characters as a person counts them (code points, not UTF-16 units): the UTF-16
 * length minus one for every surrogate pair, which is what iterating the string counts (a
 * lone surrogate counts as one). Never more than `text.length`, so callers comparing with a
 * limit can skip the count when the UTF-16 length is already within it.
 */
export function charLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/* ------------------------------------------------------------------------------------------
 * Positions of nested values.
 *
 * The model keeps positions for top-level fields only. When a rule needs the line of
 * `metadata.version` or of the third `allowed-tools` item, it asks `locate`, which parses the
 * frontmatter once more with `yaml` (only on that rare path, cached per document). The text
 * already passed the bounded parse, and no alias is expanded here, so this costs little.
 * ---------------------------------------------------------------------------------------- */

interface Parsed {
  doc: Document;
  lines: LineCounter;
}

const parsedCache = new WeakMap<Frontmatter, Parsed | null>();

export function parsedFrontmatter(fm: Frontmatter): Parsed | undefined {
  const cached = parsedCache.get(fm);
  if (cached !== undefined) return cached ?? undefined;
  let result: Parsed | null = null;
  if (!fm.error && fm.endLine > 0) {
    try {
      const lines = new (yaml().LineCounter)();
      const doc = yaml().parseDocument(fm.text, { lineCounter: lines, version: '1.2', prettyErrors: false, uniqueKeys: false });
      if (doc.errors.length === 0) result = { doc, lines };
    } catch {
      result = null;
    }
  }
  parsedCache.set(fm, result);
  return result ?? undefined;
}

/** File position of an offset into the frontmatter text. */
export function offsetToPosition(fm: Frontmatter, parsed: Parsed, offset: number): Position {
  const lp = parsed.lines.linePos(offset);
  return { line: lp.line + fm.startLine, column: lp.col };
}

export interface Located {
  /** The value node. */
  node: Node;
  /** Where the value starts. */
  pos: Position;
  /** Where its key starts (for map entries). */
  keyPos?: Position;
}

/** Find the node at `path` (`['metadata', 'version']`, `['allowed-tools', 2]`). */
export function locate(skill: SkillDocument, path: ReadonlyArray<string | number>): Located | undefined {
  const fm = skill.frontmatter;
  const parsed = parsedFrontmatter(fm);
  if (!parsed) return undefined;
  let node: unknown = parsed.doc.contents;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (typeof seg === 'string') {
      if (!yaml().isMap(node)) return undefined;
      const pair = node.items.find((p) => yaml().isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value;
    } else {
      if (!yaml().isSeq(node)) return undefined;
      keyNode = undefined;
      node = node.items[seg];
    }
    if (node === null || node === undefined) return undefined;
  }
  const n = node as Node;
  if (!n.range) return undefined;
  const located: Located = { node: n, pos: offsetToPosition(fm, parsed, n.range[0]) };
  if (keyNode?.range) located.keyPos = offsetToPosition(fm, parsed, keyNode.range[0]);
  return located;
}

/**
 * Position of a character inside a scalar value, when the value is written on one line and
 * its text maps 1:1 onto the source (plain, or quoted without escapes). Otherwise undefined:
 * callers fall back to the value's start, since a wrong column is worse than none.
 */
export function positionInScalar(skill: SkillDocument, located: Located, offsetInValue: number): Position | undefined {
  const fm = skill.frontmatter;
  const parsed = parsedFrontmatter(fm);
  const node = located.node;
  if (!parsed || !yaml().isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const [start, valueEnd] = node.range;
  const raw = fm.text.slice(start, valueEnd);
  if (raw.includes('\n')) return undefined;
  let inner: string;
  let skip: number;
  if (node.type === 'PLAIN') {
    inner = raw;
    skip = 0;
  } else if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') {
    inner = raw.slice(1, -1);
    skip = 1;
  } else {
    return undefined;
  }
  if (inner !== node.value || offsetInValue < 0 || offsetInValue > inner.length) return undefined;
  return offsetToPosition(fm, parsed, start + skip + offsetInValue);
}

/** Key normalisation Claude Code itself uses to match near-miss keys: no `-`/`_`, lowercase. */
export function normalizeKey(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase();
}

/** The source text of a single-line scalar as written (`1.0`, `"yes"`), for hints. */
export function rawScalar(skill: SkillDocument, located: Located): string | undefined {
  const node = located.node;
  if (!yaml().isScalar(node) || !node.range) return undefined;
  const raw = skill.frontmatter.text.slice(node.range[0], node.range[1]);
  return raw.includes('\n') ? undefined : raw;
}

/** Where to report "field X is missing": the opening `---` line of the frontmatter. */
export function frontmatterStart(skill: SkillDocument): Position {
  return { line: Math.max(1, skill.frontmatter.startLine), column: 1 };
}

export interface PlainScalar {
  /** Path from the top: `['metadata', 'updated']`, `['allowed-tools', 1]`. */
  path: Array<string | number>;
  /** Source text as written (single line). */
  raw: string;
  /** The value YAML 1.2 gives it. */
  value: unknown;
  pos: Position;
  end: Position;
}

/** Every single-line plain (unquoted) scalar value, at any depth up to 8. */
export function plainScalars(skill: SkillDocument): PlainScalar[] {
  const fm = skill.frontmatter;
  const parsed = parsedFrontmatter(fm);
  const out: PlainScalar[] = [];
  if (!parsed) return out;
  const visit = (node: unknown, path: Array<string | number>, depth: number): void => {
    if (depth > 8 || node === null || node === undefined) return;
    if (yaml().isMap(node)) {
      for (const pair of node.items) if (yaml().isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], depth + 1);
    } else if (yaml().isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i], depth + 1));
    } else if (yaml().isScalar(node) && node.type === 'PLAIN' && node.range) {
      const raw = fm.text.slice(node.range[0], node.range[1]);
      if (raw.includes('\n')) return;
      out.push({
        path,
        raw,
        value: node.value,
        pos: offsetToPosition(fm, parsed, node.range[0]),
        end: offsetToPosition(fm, parsed, node.range[1]),
      });
    }
  };
  visit(parsed.doc.contents, [], 0);
  return out;
}

/** `metadata.updated`, `allowed-tools[1]`. */
export function pathLabel(path: ReadonlyArray<string | number>): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}
