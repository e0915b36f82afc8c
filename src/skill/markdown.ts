/**
 * One pass over a SKILL.md body: headings, fenced code blocks, links, file mentions and
 * cross-skill references, each with its file line.
 *
 * Written by hand rather than with a Markdown parser (remark, markdown-it): the rules need
 * line-level structure only, and a full CommonMark AST costs ~10x the time of this scan on
 * a 10,000-skill run. What this scan deliberately does not model (indented code blocks,
 * code spans and link texts that wrap onto the next line, HTML blocks, containers such as
 * blockquotes) is rare in skills; the real packs this was measured on gave no false finding from it.
 *
 * Cross-skill references are extracted from structure, never from "every backticked word":
 * on a real 77-skill pack that naive approach flags `aria-label` and `where`. A name counts
 * only where authors actually point at skills:
 * - anywhere: "the `name` skill" (also `plugin:name`, the Claude Code namespaced form), unless
 *   the words before it make it history ("replaces the `old` skill");
 * - inside a referencing section ("Composes With", "When NOT to Use", "Related Skills",
 *   "See also", ...): a list item that starts with names (`name`, **name**, **`name`**,
 *   [name](../name/SKILL.md)) followed by a separator (—, :, "(", "for", end of line...);
 *   a table cell holding nothing but a name; a name after an arrow (→ `name`) or after
 *   "use"/"see" — in those last two only when what follows the name reads like the end
 *   of a pointer (end of line, punctuation, "instead", "or"...), so "→ use `perf-profiler`
 *   agent" and "→ `fetch` with cache" are not taken for skills.
 */
import type { CodeBlock, Heading, Link, SkillReference } from './model.js';

export interface BodyAnalysis {
  lineCount: number;
  headings: Heading[];
  codeBlocks: CodeBlock[];
  links: Link[];
  references: SkillReference[];
}

/** Spec skill name shape. */
export const SKILL_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_NAME = 64;

/**
 * Fences open and close at any indentation: fenced blocks inside list items ("1. Run:" then
 * an indented ```bash) are common in skills, and treating their `# comments` as headings
 * would be worse than the rare indented code block that shows a fence literally.
 */
const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines that cannot be the text of a setext heading (lists, quotes, tables, HTML, indented code). */
const NOT_PARAGRAPH = /^(?: {4}|\t|\s*(?:[-*+]\s|\d{1,9}[.)]\s|>|\||<))/;

/**
 * Inline links and images: [text](target "title"), ![alt](<target>). The text may hold one
 * level of brackets (so `[![badge](b.svg)](x)` is seen whole); the target may hold balanced
 * parentheses and backslash escapes; `\[` is not a link.
 */
const INLINE_LINK =
  /(?<!\\)(!?)\[((?:[^[\]\\\n]|\\.|\[(?:[^[\]\\\n]|\\.)*\])*)\]\([ \t]*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\)/g;
/** Reference definitions `[id]: target`; `[^note]:` is a footnote, not a link. */
const REF_DEF = /^ {0,3}\[((?:[^[\]\\]|\\.)+)\]:[ \t]*(<[^<>\n]*>|\S+)/;
/** `<a href="...">` and `<img src="...">` in the Markdown text. */
const HTML_LINK = /<(a|img)\b[^<>]{0,500}?\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+))/gi;
/** A file inside the skill, named in inline code: `references/retries.md`, `scripts/check.py`. */
const SKILL_PATH = /^(?:\.\/)?(?:references?|scripts|assets|templates|examples)\/[\w.\-/]+\.[A-Za-z0-9]+$/;

/** Sections named like this point at other skills wherever the words appear in the heading. */
const REFERENCE_SECTION =
  /\b(?:compose[sd]?\s+with|when\s+not\s+to\s+use|not\s+for|don'?t\s+use|do\s+not\s+use|use\s+instead|works?\s+(?:well\s+)?with|pairs?\s+(?:well\s+)?with|combines?\s+with|combined\s+with|related\s+skills?|other\s+skills|see\s+also|alternative\s+skills?|skills?\s+to\s+(?:combine|use\s+instead))\b/i;
/**
 * Generic words count only as the whole heading ("Related", "Alternatives (pick one)"):
 * "Related Commands", "Copy Alternatives" or "Prerequisites" list tools and other things.
 */
const REFERENCE_SECTION_SHORT = /^(?:related|alternatives?|instead|see\s+also)\s*(?:$|[(:—–-])/i;

const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
/** What may follow the names that open a referencing list item. */
const AFTER_ITEM_NAMES = /^(?:$|[—–:;,.(→|]|->|-(?:\s|$)|--|(?:skills?|for|when|to|handles?|covers?|is|owns?|if|instead|—)\b)/i;
/**
 * What may follow a name after "use"/"see" for it to count: the end of the pointer. "Use
 * `fetch` with cache" or "see `where` clause" name something else.
 */
const AFTER_POINTER =
  /^(?:\s*$|\s*[—–:;,.)(!?|/+&→]|\s*->|\s+-\s|\s+(?:skills?|instead|or|and|for|when|if|to|first|then|next|covers?|handles?|which|that|as|—)\b)/i;
/**
 * After an arrow the author is pointing somewhere, usually at a skill ("→ `caching` with
 * revalidation"); only a noun saying what else it is ("→ use `perf-profiler` agent") rules it out.
 */
const NOT_A_SKILL =
  /^\s+(?:sub-?agents?|agents?|commands?|hooks?|tools?|servers?|packages?|librar(?:y|ies)|modules?|plugins?|components?|functions?|methods?|props?|propert(?:y|ies)|attributes?|options?|flags?|fields?|variables?|env|files?|folders?|director(?:y|ies)|scripts?|apis?|endpoints?|types?|class(?:es)?|elements?|tags?|keywords?|clauses?|operators?|directives?|settings?|config|cli|binar(?:y|ies)|crates?|gems?|extensions?|tables?|columns?|events?|routes?|quer(?:y|ies)|mutations?|statements?|calls?|objects?|parameters?|params?|arguments?|values?|headers?|mcp)\b/i;
const ARROW_NAME = /(?:→|->|=>|⇒|⟶)\s*(?:(?:use|see|try|load|invoke|prefer)\s+)?(?:the\s+)?(?:sibling\s+)?(\*\*|__)?`([^`\n]+)`\1/g;
const POINTER_NAME = /\b(?:use|see|try|prefer|load|invoke)\s+(?:the\s+)?(?:sibling\s+)?(\*\*|__)?`([^`\n]+)`\1/gi;
/** "the `name` skill" (also bold); not "skills" (a category) and not "skill-creator". */
const NAMED_SKILL = /(\*\*|__)?`([a-z0-9-]+:)?([a-z0-9]+(?:-[a-z0-9]+)*)`\1\s+skill(?![\w-])/g;
/** "This skill replaces the `old-name` skill": history, not a pointer to follow. */
const HISTORY_BEFORE = /\b(?:replac(?:es|ed|ing)|supersed(?:es|ed|ing)|formerly|previously|deprecated|renamed\s+from|legacy|obsolete)\b[^.;:!?]*$/i;

/** The part of a reference after an optional `plugin:` namespace must be a skill name. */
function referenceName(raw: string): string | undefined {
  const name = raw.trim();
  const colon = name.indexOf(':');
  const local = colon === -1 ? name : name.slice(colon + 1);
  const ns = colon === -1 ? '' : name.slice(0, colon);
  if (!SKILL_NAME.test(local) || local.length > MAX_NAME) return undefined;
  if (colon !== -1 && !/^[a-z0-9][a-z0-9-]*$/.test(ns)) return undefined;
  return name;
}

/**
 * Replace code spans by spaces of equal length, so links inside them are not seen and columns
 * hold. Linear in the line length: a backtick run opens a span that the next run of the same
 * length closes (CommonMark 6.1); a run with no partner is literal. (A lazy regex does the same
 * in quadratic time on hostile lines full of unmatched runs.)
 */
function blankCodeSpans(line: string, onSpan?: (content: string, column: number) => void): string {
  if (!line.includes('`')) return line;
  const runs: Array<{ start: number; len: number }> = [];
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) !== 96) continue;
    let j = i;
    while (j < line.length && line.charCodeAt(j) === 96) j++;
    runs.push({ start: i, len: j - i });
    i = j - 1;
  }
  // For each run, the index of the next run of the same length.
  const next = new Array<number>(runs.length).fill(-1);
  const lastByLen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = lastByLen.get(runs[r]!.len) ?? -1;
    lastByLen.set(runs[r]!.len, r);
  }
  let out = '';
  let copied = 0;
  for (let r = 0; r < runs.length; r++) {
    const close = next[r]!;
    if (close === -1) continue;
    const open = runs[r]!;
    const end = runs[close]!.start + open.len;
    const content = line.slice(open.start + open.len, runs[close]!.start);
    onSpan?.(content.trim(), open.start + open.len + 1 + (content.length - content.trimStart().length));
    out += line.slice(copied, open.start) + ' '.repeat(end - open.start);
    copied = end;
    r = close;
  }
  return out + line.slice(copied);
}

function unwrapTarget(target: string): string {
  const t = target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target;
  // Backslash escapes of ASCII punctuation (CommonMark 2.4): `a\_b.md` names `a_b.md`.
  return t.includes('\\') ? t.replace(/\\([!-/:-@[-`{-~])/g, '$1') : t;
}

function isExternalTarget(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#');
}

/** Inline links and images of one line; `prose` has code spans blanked, `raw` gives the text. */
function scanLinks(prose: string, raw: string, lineNo: number, offset: number, out: Link[]): void {
  if (!prose.includes('](')) return;
  const re = new RegExp(INLINE_LINK.source, 'g');
  for (let m = re.exec(prose); m; m = re.exec(prose)) {
    const textStart = m.index + m[1]!.length + 1;
    const text = raw.slice(textStart, textStart + m[2]!.length);
    const target = m[3] === undefined ? '' : unwrapTarget(m[3]);
    if (target !== '') out.push({ target, text, line: lineNo, column: offset + m.index + 1, kind: m[1] ? 'image' : 'link' });
    // An image inside a link's text: [![alt](img.png)](page.md).
    if (m[2]!.includes('](')) scanLinks(m[2]!, text, lineNo, offset + textStart, out);
  }
}

interface NameHit {
  name: string;
  column: number;
}

/**
 * One name token at `raw[pos]`: `name`, **name**, **`name`**, [name](relative), [`name`](...).
 * Bare words count only when emphasised. Returns the name, its column and the end.
 */
function nameToken(raw: string, pos: number): { hit?: NameHit; end: number } | undefined {
  const emph = /^(\*\*|__)?/.exec(raw.slice(pos))![0];
  let p = pos + emph.length;
  const rest = raw.slice(p);
  let hit: NameHit | undefined;
  let m = /^`([^`\n]+)`/.exec(rest);
  if (m) {
    const name = referenceName(m[1]!);
    if (name) hit = { name, column: p + 2 + (m[1]!.length - m[1]!.trimStart().length) };
    p += m[0].length;
  } else if ((m = /^\[(\*\*|__)?(`?)([^\]`*_\n]+)\2\1\]\(([^)\s]*)\)/.exec(rest))) {
    // A link only names a skill when it points into the repository (../name/SKILL.md), not at docs.
    const name = isExternalTarget(m[4]!) ? undefined : referenceName(m[3]!);
    if (name) hit = { name, column: p + 2 + (m[1]?.length ?? 0) + m[2]!.length };
    else if (isExternalTarget(m[4]!)) return undefined;
    p += m[0].length;
  } else if (emph && (m = /^([a-z0-9][a-z0-9:-]*)/.exec(rest))) {
    const name = referenceName(m[1]!);
    if (name) hit = { name, column: p + 1 };
    p += m[0].length;
  } else {
    return undefined;
  }
  if (emph) {
    if (!raw.startsWith(emph, p)) return undefined;
    p += emph.length;
  }
  return hit ? { hit, end: p } : { end: p };
}

/** Names that open a list item in a referencing section, when what follows reads like a pointer. */
function listItemNames(raw: string): NameHit[] {
  const marker = LIST_MARKER.exec(raw);
  if (!marker) return [];
  const hits: NameHit[] = [];
  let pos = marker[0].length;
  for (;;) {
    const tok = nameToken(raw, pos);
    if (!tok) break;
    if (tok.hit) hits.push(tok.hit);
    pos = tok.end;
    const sep = /^\s*(?:,|\/|&|\+|\band\b|\bor\b)\s*/.exec(raw.slice(pos));
    if (!sep) break;
    pos += sep[0].length;
  }
  if (hits.length === 0) return [];
  return AFTER_ITEM_NAMES.test(raw.slice(pos).trimStart()) ? hits : [];
}

/** Table cells that hold nothing but a name, in a referencing section. */
function tableCellNames(raw: string, prose: string): NameHit[] {
  if (!/^\s*\|/.test(raw) || /^\s*\|?[\s|:-]+$/.test(raw)) return [];
  const hits: NameHit[] = [];
  // Split on the pipes of the prose (code spans blanked), so `a|b` in code does not split.
  let start = 0;
  for (let i = 0; i <= prose.length; i++) {
    if (i < prose.length && (prose[i] !== '|' || prose[i - 1] === '\\')) continue;
    const cell = raw.slice(start, i);
    const lead = cell.length - cell.trimStart().length;
    const tok = nameToken(raw, start + lead);
    if (tok?.hit && tok.end <= i && raw.slice(tok.end, i).trim() === '') hits.push(tok.hit);
    start = i + 1;
  }
  return hits;
}

/**
 * Names after an arrow (unless a noun after them says what else they are) or after "use"/"see"
 * (only when the pointer ends with the name: "use `animation`", "see `auth` instead").
 */
function pointerNames(raw: string, re: RegExp, strict: boolean): NameHit[] {
  const hits: NameHit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const after = raw.slice(m.index + m[0].length);
    if (strict ? !AFTER_POINTER.test(after) : NOT_A_SKILL.test(after)) continue;
    const name = referenceName(m[2]!);
    // 0-based index of the name: the match ends with name, backtick, closing emphasis.
    const nameIndex = m.index + m[0].length - (m[1]?.length ?? 0) - 1 - m[2]!.length;
    if (name) hits.push({ name, column: nameIndex + 1 + (m[2]!.length - m[2]!.trimStart().length) });
  }
  return hits;
}

function isReferenceHeading(text: string): boolean {
  // Headings are written "## 🔗 Composes With", "## 5. Related", "## **See also**".
  const plain = text.replace(/[*_`]/g, '').replace(/^[^A-Za-z]+/, '');
  return REFERENCE_SECTION.test(plain) || REFERENCE_SECTION_SHORT.test(plain);
}

function fenceLang(info: string): string {
  // `ts nocheck`, `{.python .numberLines}`, `rust,ignore` all name their language first.
  const first = info.replace(/^\{?\s*\.?/, '').split(/[\s,{}]/)[0] ?? '';
  return first.toLowerCase();
}

/** Char code of the first character that is not a space or tab (-1 for a blank line). */
function firstCode(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return c;
  }
  return -1;
}

const BACKTICK = 96;
const TILDE = 126;
const HASH = 35;

export function analyzeBody(text: string, startLine: number): BodyAnalysis {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const headings: Heading[] = [];
  const codeBlocks: CodeBlock[] = [];
  const linkList: Link[] = [];
  const references: SkillReference[] = [];
  /** Heading stack by level, to know whether any enclosing section is a referencing one. */
  const stack: Heading[] = [];
  let referencing = false;
  let section = '';
  /** The previous line, when it could be the text of a setext heading. */
  let paragraphLine: string | undefined;

  let fence: { char: string; len: number; block: CodeBlock; code: string[] } | undefined;

  const seen = new Set<string>();
  const addReference = (hit: NameHit, line: number) => {
    const key = `${line}:${hit.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    references.push({ name: hit.name, line, column: hit.column, section });
  };
  const enterHeading = (heading: Heading) => {
    headings.push(heading);
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    stack.push(heading);
    referencing = stack.some((s) => isReferenceHeading(s.text));
    section = heading.text;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = startLine + i;
    // The regexes run only on lines whose first character could start what they match:
    // most lines of a skill are prose, and this scan runs over thousands of files.
    const first = firstCode(raw);
    const fenceLike = first === BACKTICK || first === TILDE;
    if (fence) {
      const close = fenceLike ? FENCE_CLOSE.exec(raw) : null;
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len) {
        fence.block.code = fence.code.join('\n');
        codeBlocks.push(fence.block);
        fence = undefined;
      } else {
        fence.code.push(raw);
      }
      continue;
    }
    const open = fenceLike ? FENCE_OPEN.exec(raw) : null;
    if (open) {
      const char = open[2]![0]!;
      const info = open[3]!.trim();
      // A backtick fence's info string may not contain a backtick (CommonMark 4.5): "``` `x` ```" is inline code.
      if (char === '~' || !info.includes('`')) {
        fence = {
          char,
          len: open[2]!.length,
          code: [],
          block: { lang: fenceLang(info), info, code: '', line: lineNo, codeLine: lineNo + 1, column: open[1]!.length + 1, unclosed: false },
        };
        paragraphLine = undefined;
        continue;
      }
    }
    const h = first === HASH ? ATX_HEADING.exec(raw) : null;
    const setext = paragraphLine !== undefined ? SETEXT_UNDERLINE.exec(raw) : null;
    if (setext) {
      enterHeading({ level: setext[1]![0] === '=' ? 1 : 2, text: paragraphLine!.trim(), line: lineNo - 1 });
      paragraphLine = undefined;
      continue;
    }
    paragraphLine = raw.trim() !== '' && !h && !NOT_PARAGRAPH.test(raw) ? raw : undefined;
    if (h) enterHeading({ level: h[1]!.length, text: (h[2] ?? '').trim(), line: lineNo });

    // Inline content: code spans first (file mentions live there), then links outside them.
    const spans: Array<{ content: string; column: number }> = [];
    const prose = blankCodeSpans(raw, (content, column) => spans.push({ content, column }));
    for (const s of spans) {
      if (SKILL_PATH.test(s.content)) linkList.push({ target: s.content, text: s.content, line: lineNo, column: s.column, kind: 'path' });
    }
    scanLinks(prose, raw, lineNo, 0, linkList);
    if (prose.includes('<')) {
      HTML_LINK.lastIndex = 0;
      for (let m = HTML_LINK.exec(prose); m; m = HTML_LINK.exec(prose)) {
        const target = m[3] ?? m[4] ?? m[5] ?? '';
        if (target !== '') linkList.push({ target, text: '', line: lineNo, column: m.index + 1, kind: m[1]!.toLowerCase() === 'img' ? 'image' : 'link' });
      }
    }
    const def = REF_DEF.exec(prose);
    if (def && !def[1]!.startsWith('^')) {
      linkList.push({ target: unwrapTarget(def[2]!), text: def[1]!, line: lineNo, column: raw.indexOf('[') + 1, kind: 'link' });
    }

    if (!raw.includes('`') && !(referencing && /\*\*|__|\]\(/.test(raw))) continue;
    NAMED_SKILL.lastIndex = 0;
    for (let m = raw.includes('skill') ? NAMED_SKILL.exec(raw) : null; m; m = NAMED_SKILL.exec(raw)) {
      const name = referenceName((m[2] ?? '') + m[3]!);
      if (name && !HISTORY_BEFORE.test(raw.slice(Math.max(0, m.index - 60), m.index))) addReference({ name, column: m.index + (m[1]?.length ?? 0) + 2 }, lineNo);
    }
    if (!referencing || h) continue;
    for (const hit of listItemNames(raw)) addReference(hit, lineNo);
    for (const hit of tableCellNames(raw, prose)) addReference(hit, lineNo);
    for (const hit of pointerNames(raw, ARROW_NAME, false)) addReference(hit, lineNo);
    for (const hit of pointerNames(raw, POINTER_NAME, true)) addReference(hit, lineNo);
  }
  if (fence) {
    fence.block.code = fence.code.join('\n');
    fence.block.unclosed = true;
    codeBlocks.push(fence.block);
  }
  // References in source order (several patterns may find names on one line).
  references.sort((a, b) => a.line - b.line || a.column - b.column);
  return { lineCount: lines.length, headings, codeBlocks, links: linkList, references };
}
