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
 * Speed: the scan runs over every skill of a repository, so it does as little as it can per
 * line. Lines are found with indexOf, and only lines that may hold something are cut out of the
 * text (a fenced block's code is one slice, and its lines are counted, never visited). Whether a
 * line holds a backtick, `](` or `<` is a comparison with the next occurrence, found by one native
 * search. A regex runs only where a cheap look at the first character says it could match, and
 * the hand-written readers of ATX headings and fences read exactly what the regexes quoted in
 * their comments match. tests/core/markdown-fastpaths.test.ts tests each shortcut on input its
 * regex would have matched.
 *
 * A CLI run scans each skill once, so most of the few lines that hold something are read before
 * V8 has optimized the code that reads them: that code calls native searches (sticky regexes
 * tested at a position, indexOf) rather than looping over characters in script, and hands names
 * straight to the findings rather than through arrays and objects per line.
 *
 * Cross-skill references are extracted from structure, never from "every backticked word":
 * on a real 77-skill pack that naive approach flags `aria-label` and `where`. A name counts
 * only where authors actually point at skills:
 * - anywhere: "the `name` skill" (also `plugin:name`, the Claude Code namespaced form), unless
 *   the words before it make it history ("replaces the `old` skill") or an example ("when
 *   building a `pdf-editor` skill");
 * - inside a referencing section ("Composes With", "When NOT to Use", "Related Skills",
 *   "See also", ...): a list item that starts with names (`name`, **name**, **`name`**,
 *   [name](../name/SKILL.md)) followed by a separator (—, :, "(", "for", end of line...),
 *   unless a web link follows (then the names label it: "**npm**: [pkg](https://…)");
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

/** The language of a fence: its info string's first word, after `{` and `.` (`{.python}`). */
const FENCE_LANG = /^\{?\s*\.?([^\s,{}]*)/;
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

/**
 * Sections named like this point at other skills wherever the words appear in the heading.
 * "Do not use" counts only as "do not use this skill" / "… for" / "… when" / "… if": "Do not use
 * the following data types" or "Don't use `#[deny(warnings)]`" list other things.
 */
const REFERENCE_SECTION =
  /\b(?:compose[sd]?\s+with|when\s+not\s+to\s+use|not\s+for|(?:don['’]?t|do\s+not)\s+use\s+(?:this\s+skill|(?:it\s+|this\s+)?(?:for|when|if))|use\s+instead|works?\s+(?:well\s+)?with|pairs?\s+(?:well\s+)?with|combines?\s+with|combined\s+with|related\s+skills?|other\s+skills|see\s+also|alternative\s+skills?|skills?\s+to\s+(?:combine|use\s+instead))\b/i;
/**
 * Generic words count only as the whole heading ("Related", "Alternatives (pick one)"):
 * "Related Commands", "Copy Alternatives" or "Prerequisites" list tools and other things.
 */
const REFERENCE_SECTION_SHORT = /^(?:related|alternatives?|instead|see\s+also|(?:don['’]?t|do\s+not)\s+use)\s*(?:$|[(:—–-])/i;

/** The table delimiter row `|---|:--:|`, which holds no names. */
const TABLE_ROW = /^\s*\|/;
const TABLE_DELIMITER = /^\s*\|?[\s|:-]+$/;
/**
 * Name tokens, matched where the previous token ended (sticky: no slice of the rest of the line):
 * [name](target) with optional emphasis and backticks inside, and an emphasised bare word.
 */
const LINK_NAME = /\[(\*\*|__)?(`?)([^\]`*_\n]+)\2\1\]\(([^)\s]*)\)/y;
const BARE_NAME = /([a-z0-9][a-z0-9:-]*)/y;
/** What may join two names in a list item: "`a`, `b`", "`a` / `b`", "`a` or `b`". */
const NAME_SEPARATOR = /^\s*(?:,|\/|&|\+|\band\b|\bor\b)\s*/;
/** What may follow the names that open a referencing list item, past any whitespace (sticky, at the end of the names). */
const AFTER_ITEM_NAMES = /\s*(?:$|[—–:;,.(→|]|->|-(?:\s|$)|--|(?:skills?|for|when|to|handles?|covers?|is|owns?|if|instead|—)\b)/iy;
/**
 * What may follow a name after "use"/"see" for it to count: the end of the pointer. "Use
 * `fetch` with cache" or "see `where` clause" name something else.
 */
const AFTER_POINTER =
  /(?:\s*$|\s*[—–:;,.)(!?|/+&→]|\s*->|\s+-\s|\s+(?:skills?|instead|or|and|for|when|if|to|first|then|next|covers?|handles?|which|that|as|—)\b)/iy;
/**
 * After an arrow the author is pointing somewhere, usually at a skill ("→ `caching` with
 * revalidation"); only a noun saying what else it is ("→ use `perf-profiler` agent") rules it out.
 */
const NOT_A_SKILL =
  /\s+(?:sub-?agents?|agents?|commands?|hooks?|tools?|servers?|packages?|librar(?:y|ies)|modules?|plugins?|components?|functions?|methods?|props?|propert(?:y|ies)|attributes?|options?|flags?|fields?|variables?|env|files?|folders?|director(?:y|ies)|scripts?|apis?|endpoints?|types?|class(?:es)?|elements?|tags?|keywords?|clauses?|operators?|directives?|settings?|config|cli|binar(?:y|ies)|crates?|gems?|extensions?|tables?|columns?|events?|routes?|quer(?:y|ies)|mutations?|statements?|calls?|objects?|parameters?|params?|arguments?|values?|headers?|mcp)\b/iy;
const ARROW_NAME = /(?:→|->|=>|⇒|⟶)\s*(?:(?:use|see|try|load|invoke|prefer)\s+)?(?:the\s+)?(?:sibling\s+)?(\*\*|__)?`([^`\n]+)`\1/g;
const POINTER_NAME = /\b(?:use|see|try|prefer|load|invoke)\s+(?:the\s+)?(?:sibling\s+)?(\*\*|__)?`([^`\n]+)`\1/gi;
/** "the `name` skill" (also bold); not "skills" (a category) and not "skill-creator". */
const NAMED_SKILL = /(\*\*|__)?`([a-z0-9-]+:)?([a-z0-9]+(?:-[a-z0-9]+)*)`\1\s+skill(?![\w-])/g;
/**
 * "When building a `pdf-editor` skill", "an `x` skill", "a new `x` skill": an example of a
 * skill, not a pointer to one; "a `scripts/x.py` script" likewise. (Tested on the text before
 * the name, only where NAMED_SKILL or a file path matched.)
 */
const INDEFINITE_BEFORE = /(?:^|[^\w-])(?:an?|any|each|every|another)\s+(?:[a-z]+\s+)?$/i;
/**
 * Whether an indefinite article comes just before `at`. Only the 30 characters before it are
 * looked at (testing the whole line before each of many mentions would be quadratic), less the
 * word the cut went through, which cannot be the article.
 */
function indefiniteBefore(line: string, at: number): boolean {
  const from = Math.max(0, at - 30);
  const before = line.slice(from, at);
  return INDEFINITE_BEFORE.test(from === 0 ? before : before.replace(/^\S*/, ''));
}

/**
 * "Create `scripts/seed.sh`", "Create the script at `scripts/x.sh`", "this step generates
 * `scripts/x.sh`", "check your `scripts/x.sh`": a file the instructions make, or one of the
 * user's project, not a file shipped with the skill. (Tested like INDEFINITE_BEFORE, on the
 * 30 characters before a file path.)
 */
const NOT_SHIPPED_BEFORE =
  /(?:^|[^\w-])(?:(?:(?:create|generate|scaffold)[sd]?|creating|generating|scaffolding)(?:\s+(?:or\s+update|the|a|an|new|script|file|it|at|as|in))*|your|the\s+(?:user's|project's))\s+$/i;

/** Whether the words just before `at` say the file is made by the instructions or belongs to the user's project. */
function notShippedBefore(line: string, at: number): boolean {
  const from = Math.max(0, at - 30);
  const before = line.slice(from, at);
  return NOT_SHIPPED_BEFORE.test(from === 0 ? before : before.replace(/^\S*/, ''));
}

/** "This skill replaces the `old-name` skill": history, not a pointer to follow. */
const HISTORY_BEFORE = /\b(?:replac(?:es|ed|ing)|supersed(?:es|ed|ing)|formerly|previously|deprecated|renamed\s+from|legacy|obsolete)\b[^.;:!?]*$/i;

const BACKTICK = 96;
const TILDE = 126;
const HASH = 35;
const BRACKET = 91;
const EQUALS = 61;
const DASH = 45;
const PLUS = 43;
const STAR = 42;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const SPACE = 32;
const LESS_THAN = 60;
const TAB = 9;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= DIGIT_0 && c <= DIGIT_9);
}

/** Index of the first character of text[from, to) that is not a space or tab; `to` when none. */
function skipIndent(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

/** Index of the next `needle` in `text` at or after `from`; `text.length` when there is none. */
function nextIndex(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i === -1 ? text.length : i;
}

/**
 * Whether `s` holds a line terminator other than `\n`, where a regex's `.` stops. (Three native
 * searches are several times faster than one regex with a character class here.)
 */
function hasLineTerminator(s: string): boolean {
  return s.includes('\r') || s.includes('\u2028') || s.includes('\u2029');
}

interface OpenFence {
  /** Char code of the fence character. */
  char: number;
  len: number;
  /** The shortest closing run: only a line that holds it can close the fence. */
  run: string;
  block: CodeBlock;
  /** Where the code starts in the text: the code is one slice, taken when the fence closes. */
  codeStart: number;
}

/**
 * The fence that text[start, stop) opens, at `indent` where `first` (a backtick or tilde) is;
 * the same as matching /^([ \t]*)(`{3,}|~{3,})(.*)$/ (so a `\r`, U+2028 or U+2029 on the
 * line, where `.` stops, makes it no fence; looked for only when `mayHoldTerminator`).
 *
 * Fences open and close at any indentation: fenced blocks inside list items ("1. Run:" then
 * an indented ```bash) are common in skills, and treating their `# comments` as headings
 * would be worse than the rare indented code block that shows a fence literally.
 */
function openFence(text: string, start: number, indent: number, stop: number, first: number, line: number, mayHoldTerminator: boolean): OpenFence | undefined {
  let runEnd = indent;
  while (runEnd < stop && text.charCodeAt(runEnd) === first) runEnd++;
  if (runEnd - indent < 3) return undefined;
  const rest = text.slice(runEnd, stop);
  if (mayHoldTerminator && hasLineTerminator(rest)) return undefined;
  const info = rest.trim();
  // A backtick fence's info string may not contain a backtick (CommonMark 4.5): "``` `x` ```" is inline code.
  if (first === BACKTICK && info.includes('`')) return undefined;
  const len = runEnd - indent;
  return {
    char: first,
    len,
    run: text.slice(indent, runEnd),
    codeStart: stop + 1,
    block: { lang: fenceLang(info), info, code: '', line, codeLine: line + 1, column: indent - start + 1, unclosed: false },
  };
}

/** Whether the fence-like line at text[indent, stop) closes `fence`: its character, at least as long, then only blanks. */
function closesFence(text: string, indent: number, stop: number, fence: OpenFence): boolean {
  let i = indent;
  while (i < stop && text.charCodeAt(i) === fence.char) i++;
  if (i - indent < fence.len) return false;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  return i === stop;
}

/**
 * The start of the line that closes `fence`, looking from the line start `from`, or -1 when no line
 * does. Only lines that hold the closing run are looked at: code lines are never read one by one.
 */
function closingLine(text: string, fence: OpenFence, from: number): number {
  for (let at = text.indexOf(fence.run, from); at !== -1; ) {
    // The run holds no '\n': the line that holds it starts after the last '\n' before it, at `from` or later.
    const start = text.lastIndexOf('\n', at) + 1;
    let stop = text.indexOf('\n', at);
    if (stop === -1) stop = text.length;
    if (closesFence(text, skipIndent(text, start, stop), stop, fence)) return start;
    at = text.indexOf(fence.run, stop + 1);
  }
  return -1;
}

/** How many lines start in text[from, to), where `from` is the start of a line. */
function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let start = from; start < to; n++) {
    const stop = text.indexOf('\n', start);
    if (stop === -1) return n + 1;
    start = stop + 1;
  }
  return n;
}

function fenceLang(info: string): string {
  // Nearly every info string is one lowercase word (`ts`, `bash`): that word is the language.
  if (isLowercaseWord(info)) return info;
  // `ts nocheck`, `{.python .numberLines}`, `rust,ignore` all name their language first.
  return FENCE_LANG.exec(info)![1]!.toLowerCase();
}

/** Only a-z, 0-9, `-`, `+`, `#`: nothing that FENCE_LANG strips, splits at or lowercases. */
function isLowercaseWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= DIGIT_0 && c <= DIGIT_9) || c === DASH || c === PLUS || c === HASH)) return false;
  }
  return s.length > 0;
}

/**
 * The ATX heading (`## Title ##`) on text[start, stop), whose first non-blank character, at
 * `indent`, is `#`; undefined when the line is not one. Read by hand rather than with
 * /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/, whose lazy text retries the rest
 * of the pattern at every character (it was the costliest step of the scan); this reads the
 * same headings the same way: at most three spaces, one to six `#`, then nothing or a blank;
 * the text lies between the blanks after the `#`s and either the trailing blanks or a closing
 * `#` run that follows a blank (so `# #` has the text `#`, unlike CommonMark). A `\r`,
 * U+2028 or U+2029 in it (the regex's `.` stops there) makes the line no heading; they are
 * looked for only when the text holds one (`mayHoldTerminator`).
 */
function atxHeading(text: string, start: number, indent: number, stop: number, line: number, mayHoldTerminator: boolean): Heading | undefined {
  if (indent - start > 3) return undefined;
  for (let i = start; i < indent; i++) if (text.charCodeAt(i) === TAB) return undefined;
  let level = 0;
  while (indent + level < stop && text.charCodeAt(indent + level) === HASH) level++;
  if (level > 6) return undefined;
  const afterHashes = indent + level;
  if (afterHashes === stop) return { level, text: '', line };
  if (!isBlank(text.charCodeAt(afterHashes))) return undefined;
  let from = afterHashes + 1;
  while (from < stop && isBlank(text.charCodeAt(from))) from++;
  let to = stop;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  // A closing `#` run counts only after a blank: "## C# ##" is "C#".
  let hashes = to;
  while (hashes > from && text.charCodeAt(hashes - 1) === HASH) hashes--;
  if (hashes < to && hashes > from && isBlank(text.charCodeAt(hashes - 1))) {
    to = hashes - 1;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  }
  // What was cut off the end is blanks and `#`s: only the text itself can hold a terminator.
  const content = text.slice(from, to);
  return mayHoldTerminator && hasLineTerminator(content) ? undefined : { level, text: content.trim(), line };
}

/**
 * Whether text[indent, stop) could be a setext underline (`===`, `---`): checked on the text
 * before the line is cut out and the regex runs, since list items start with `-` too.
 */
function couldBeUnderline(text: string, indent: number, stop: number, first: number): boolean {
  for (let i = indent + 1; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c !== first && c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** Whether a line could be the text of a setext heading: not blank, a list item, quote, table row, HTML or indented code. */
function isParagraphText(line: string): boolean {
  return line.trim() !== '' && !NOT_PARAGRAPH.test(line);
}

/** The setext heading that the underline on text[start, stop) makes of the previous line, if it does. */
function setextHeading(text: string, previousStart: number, previousStop: number, start: number, stop: number, line: number): Heading | undefined {
  const paragraph = text.slice(previousStart, previousStop);
  const underline = text.slice(start, stop);
  if (!isParagraphText(paragraph) || !SETEXT_UNDERLINE.test(underline)) return undefined;
  return { level: underline.includes('=') ? 1 : 2, text: paragraph.trim(), line };
}

const HEADING_DECORATION = /[*_`]/g;
const LEADING_NON_LETTERS = /^[^A-Za-z]+/;

/**
 * Every referencing heading holds one of these words (or emphasis or code marks that could split
 * one): most headings are rejected by this one search.
 */
const REFERENCE_WORD_OR_MARK = /with|use|for|skill|see|related|alternat|instead|[*_`]/i;

function isReferenceHeading(text: string): boolean {
  if (!REFERENCE_WORD_OR_MARK.test(text)) return false;
  // Headings are written "## 🔗 Composes With", "## 5. Related", "## **See also**".
  let plain = text.includes('*') || text.includes('_') || text.includes('`') ? text.replace(HEADING_DECORATION, '') : text;
  if (!isAsciiLetter(plain.charCodeAt(0))) plain = plain.replace(LEADING_NON_LETTERS, '');
  return REFERENCE_SECTION.test(plain) || REFERENCE_SECTION_SHORT.test(plain);
}

/** End of the backtick run that starts at `line[i]`. */
function runEnd(line: string, i: number): number {
  let j = i + 1;
  while (j < line.length && line.charCodeAt(j) === BACKTICK) j++;
  return j;
}

/** No code spans: shared, never written to. */
const NO_SPANS: readonly number[] = [];

/**
 * The code spans of one line, four offsets each: opening run start, content start, content end,
 * closing run end. Linear in the line length: a backtick run opens a span that the next run of
 * the same length closes (CommonMark 6.1); a run with no partner is literal. (A lazy regex does
 * the same in quadratic time on hostile lines full of unmatched runs.) Nearly every real line
 * closes each run with the very next one, which needs no lookahead; a run of another length
 * inside an open span sends the line to the general pass.
 */
function codeSpans(line: string): readonly number[] {
  const spans: number[] = [];
  let open = -1;
  let openLen = 0;
  for (let i = line.indexOf('`'); i !== -1; i = line.indexOf('`', i)) {
    const end = runEnd(line, i);
    if (open === -1) {
      open = i;
      openLen = end - i;
    } else if (end - i === openLen) {
      spans.push(open, open + openLen, i, end);
      open = -1;
    } else {
      return codeSpansByRunLength(line);
    }
    i = end;
  }
  return spans;
}

/** The general case of codeSpans: each run's partner is found in one backward pass over the runs. */
function codeSpansByRunLength(line: string): number[] {
  const starts: number[] = [];
  const lens: number[] = [];
  for (let i = line.indexOf('`'); i !== -1; i = line.indexOf('`', i)) {
    const end = runEnd(line, i);
    starts.push(i);
    lens.push(end - i);
    i = end;
  }
  // For each run, the index of the next run of the same length.
  const next = new Array<number>(starts.length).fill(-1);
  const lastByLen = new Map<number, number>();
  for (let r = starts.length - 1; r >= 0; r--) {
    next[r] = lastByLen.get(lens[r]!) ?? -1;
    lastByLen.set(lens[r]!, r);
  }
  const spans: number[] = [];
  for (let r = 0; r < starts.length; r++) {
    const close = next[r]!;
    if (close === -1) continue;
    spans.push(starts[r]!, starts[r]! + lens[r]!, starts[close]!, starts[close]! + lens[r]!);
    r = close;
  }
  return spans;
}

/** The line with its code spans replaced by spaces of equal length, so links inside them are not seen and columns hold. */
function blankCodeSpans(line: string, spans: readonly number[]): string {
  if (spans.length === 0) return line;
  let out = '';
  let copied = 0;
  for (let s = 0; s < spans.length; s += 4) {
    out += line.slice(copied, spans[s]) + ' '.repeat(spans[s + 3]! - spans[s]!);
    copied = spans[s + 3]!;
  }
  return out + line.slice(copied);
}

/**
 * The line with its HTML comments (`<!-- … -->`, outside code spans) replaced by spaces of equal
 * length: a comment is never rendered, so nothing in it is a link or points at a skill. One left
 * open runs to the end of the line.
 */
function blankComments(line: string, spans: readonly number[]): string {
  // One pass, linear however many comments and code spans a (hostile) line holds: the next
  // span is found by a pointer that only moves forward, and the text is copied once.
  let out = '';
  let copied = 0;
  let s = 0;
  for (let at = line.indexOf('<!--'); at !== -1; ) {
    while (s < spans.length && spans[s + 3]! <= at) s += 4;
    if (s < spans.length && spans[s]! <= at) {
      at = line.indexOf('<!--', spans[s + 3]!);
      continue;
    }
    // `<!-->` and `<!--->` are whole (empty) comments too, hence the search from `at + 2`.
    const close = line.indexOf('-->', at + 2);
    const end = close === -1 ? line.length : close + 3;
    out += line.slice(copied, at) + ' '.repeat(end - at);
    copied = end;
    at = close === -1 ? -1 : line.indexOf('<!--', end);
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/** Code spans that name a file of the skill (`references/retries.md`): only those holding a `/` can; `slash` is the line's first. */
function pathMentions(line: string, spans: readonly number[], slash: number, lineNo: number, out: Link[]): void {
  // The next slash is searched from where the last search stopped: linear however many spans.
  for (let s = 0; s < spans.length && slash !== -1; s += 4) {
    const from = spans[s + 1]!;
    const to = spans[s + 2]!;
    if (slash < from) slash = line.indexOf('/', from);
    if (slash === -1 || slash >= to) continue;
    const content = line.slice(from, to);
    const target = content.trim();
    // "A `scripts/rotate_pdf.py` script would help": an example of a file, not a file of this skill;
    // "Create `scripts/seed.sh`": a file to make, not one to find.
    if (SKILL_PATH.test(target) && !indefiniteBefore(line, spans[s]!) && !notShippedBefore(line, spans[s]!)) {
      out.push({ target, text: target, line: lineNo, column: from + 1 + (content.length - content.trimStart().length), kind: 'path' });
    }
  }
}

const BACKSLASH_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function unwrapTarget(target: string): string {
  const t = target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target;
  // Backslash escapes of ASCII punctuation (CommonMark 2.4): `a\_b.md` names `a_b.md`.
  return t.includes('\\') ? t.replace(BACKSLASH_ESCAPE, '$1') : t;
}

function isExternalTarget(target: string): boolean {
  return URL_SCHEME.test(target) || target.startsWith('//') || target.startsWith('#');
}

/** Inline links and images of one line; `prose` has code spans blanked, `raw` gives the text. */
function scanLinks(prose: string, raw: string, lineNo: number, offset: number, out: Link[]): void {
  if (!prose.includes('](')) return;
  INLINE_LINK.lastIndex = 0;
  // Each further match needs a `](` after the last one: without one, the last, failing search is skipped.
  for (let m = INLINE_LINK.exec(prose); m; m = prose.includes('](', INLINE_LINK.lastIndex) ? INLINE_LINK.exec(prose) : null) {
    const textStart = m.index + m[1]!.length + 1;
    const text = raw.slice(textStart, textStart + m[2]!.length);
    const target = m[3] === undefined ? '' : unwrapTarget(m[3]);
    if (target !== '') out.push({ target, text, line: lineNo, column: offset + m.index + 1, kind: m[1] ? 'image' : 'link' });
    // An image inside a link's text: [![alt](img.png)](page.md). The inner scan shares the regex.
    if (m[2]!.includes('](')) {
      const resume = INLINE_LINK.lastIndex;
      scanLinks(m[2]!, text, lineNo, offset + textStart, out);
      INLINE_LINK.lastIndex = resume;
    }
  }
}

function htmlLinks(prose: string, lineNo: number, out: Link[]): void {
  HTML_LINK.lastIndex = 0;
  for (let m = HTML_LINK.exec(prose); m; m = HTML_LINK.exec(prose)) {
    const target = m[3] ?? m[4] ?? m[5] ?? '';
    if (target !== '') out.push({ target, text: '', line: lineNo, column: m.index + 1, kind: m[1]!.toLowerCase() === 'img' ? 'image' : 'link' });
  }
}

const PLUGIN_NAMESPACE = /^[a-z0-9][a-z0-9-]*$/;

/** The part of a reference after an optional `plugin:` namespace must be a skill name. */
function referenceName(raw: string): string | undefined {
  const name = raw.trim();
  const colon = name.indexOf(':');
  const local = colon === -1 ? name : name.slice(colon + 1);
  const ns = colon === -1 ? '' : name.slice(0, colon);
  if (!SKILL_NAME.test(local) || local.length > MAX_NAME) return undefined;
  if (colon !== -1 && !PLUGIN_NAMESPACE.test(ns)) return undefined;
  return name;
}

/** A sticky regex matched at `pos`. */
function execAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** A sticky regex tested at `pos`: where its match ends, or -1. (No match array is made.) */
function matchEnd(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(text) ? re.lastIndex : -1;
}

/**
 * The name that the last nameToken call read (undefined when its token names no skill) and its
 * 1-based column. Kept here rather than in an object per token: on a cold run, allocation costs.
 */
let tokenName: string | undefined;
let tokenColumn = 0;

/**
 * One name token at `raw[pos]`: `name`, **name**, **`name`**, [name](relative), [`name`](...).
 * Bare words count only when emphasised. Returns the end of the token, or -1 when there is none
 * there; the name it holds, if any, is in tokenName and tokenColumn.
 */
function nameToken(raw: string, pos: number): number {
  tokenName = undefined;
  const emph = raw.startsWith('**', pos) ? '**' : raw.startsWith('__', pos) ? '__' : '';
  let p = pos + emph.length;
  const c = raw.charCodeAt(p);
  let m: RegExpExecArray | null;
  if (c === BACKTICK) {
    // `name`: up to the next backtick, at least one character.
    const close = raw.indexOf('`', p + 1);
    if (close <= p + 1) return -1;
    const code = raw.slice(p + 1, close);
    tokenName = referenceName(code);
    if (tokenName) tokenColumn = p + 2 + (code.length - code.trimStart().length);
    p = close + 1;
  } else if (c === BRACKET && (m = execAt(LINK_NAME, raw, p))) {
    // A link only names a skill when it points into the repository (../name/SKILL.md), not at docs.
    if (isExternalTarget(m[4]!)) return -1;
    tokenName = referenceName(m[3]!);
    if (tokenName) tokenColumn = p + 2 + (m[1]?.length ?? 0) + m[2]!.length;
    p += m[0].length;
  } else if (emph && isLowerAlnum(c) && (m = execAt(BARE_NAME, raw, p))) {
    tokenName = referenceName(m[1]!);
    if (tokenName) tokenColumn = p + 1;
    p += m[0].length;
  } else {
    return -1;
  }
  if (emph) {
    if (!raw.startsWith(emph, p)) return -1;
    p += emph.length;
  }
  return p;
}

/** What a list marker can start with: only such lines are read for one. */
function isListMarkerStart(c: number): boolean {
  return c === DASH || c === STAR || c === PLUS || isDigit(c);
}

/** The list marker that opens a line (`- `, `12. `, `* [ ] `), with the blanks after it. */
const LIST_MARKER = /[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/y;
/**
 * Where NAME_SEPARATOR could match: past any whitespace, only `,` `/` `&` `+` or the `a` of
 * "and" and `o` of "or" can start one. Most names are followed by a dash.
 */
const MAY_JOIN_NAMES = /\s*[,/&+ao]/y;
/**
 * A label for a web link (sticky, at the end of the names): "**npm**: [protect-mcp](https://…)",
 * "`docs` — https://…". The item points at the URL; the names say what it is, not which skill.
 */
const LABELS_A_URL = /\s*(?:[:—–]|--?)\s*(?:\[[^\]\n]*\]\(\s*<?[a-z][a-z0-9+.-]*:|<?https?:\/\/)/iy;

/**
 * Names that open a list item in a referencing section, when what follows reads like a pointer.
 * Nearly every item opens with one name, kept in locals until that is known; more go in an array.
 */
function listItemNames(raw: string, found: Findings, lineNo: number): void {
  let pos = matchEnd(LIST_MARKER, raw, 0);
  if (pos === -1) return;
  let name: string | undefined;
  let column = 0;
  let more: (string | number)[] | undefined;
  for (;;) {
    const end = nameToken(raw, pos);
    if (end === -1) break;
    if (tokenName) {
      if (name === undefined) {
        name = tokenName;
        column = tokenColumn;
      } else {
        (more ??= []).push(tokenName, tokenColumn);
      }
    }
    pos = end;
    if (matchEnd(MAY_JOIN_NAMES, raw, pos) === -1) break;
    // On the rest of the line, not sticky: `\band` must see the start of the rest as a word boundary.
    const sep = NAME_SEPARATOR.exec(raw.slice(pos));
    if (!sep) break;
    pos += sep[0].length;
  }
  if (name === undefined || matchEnd(AFTER_ITEM_NAMES, raw, pos) === -1 || matchEnd(LABELS_A_URL, raw, pos) !== -1) return;
  found.addReference(name, column, lineNo);
  if (more) for (let i = 0; i < more.length; i += 2) found.addReference(more[i] as string, more[i + 1] as number, lineNo);
}

/** Table cells that hold nothing but a name, in a referencing section. */
function tableCellNames(raw: string, prose: string, found: Findings, lineNo: number): void {
  if (!TABLE_ROW.test(raw) || TABLE_DELIMITER.test(raw)) return;
  // Split on the pipes of the prose (code spans blanked), so `a|b` in code does not split.
  let start = 0;
  for (let i = 0; i <= prose.length; i++) {
    if (i < prose.length && (prose[i] !== '|' || prose[i - 1] === '\\')) continue;
    const cell = raw.slice(start, i);
    const lead = cell.length - cell.trimStart().length;
    const end = nameToken(raw, start + lead);
    if (end !== -1 && tokenName && end <= i && raw.slice(end, i).trim() === '') found.addReference(tokenName, tokenColumn, lineNo);
    start = i + 1;
  }
}

/**
 * Names after an arrow (unless a noun after them says what else they are) or after "use"/"see"
 * (only when the pointer ends with the name: "use `animation`", "see `auth` instead"). The
 * regexes run on every line with a backtick in a referencing section: a native search of the
 * line costs less, on a cold run, than looking in script at what precedes each backtick.
 */
function pointerNames(raw: string, re: RegExp, strict: boolean, found: Findings, lineNo: number): void {
  re.lastIndex = 0;
  // Each further match needs two more backticks: without one, the last, failing search is skipped.
  for (let m = re.exec(raw); m; m = raw.includes('`', re.lastIndex) ? re.exec(raw) : null) {
    const end = m.index + m[0].length;
    if (strict ? matchEnd(AFTER_POINTER, raw, end) === -1 : matchEnd(NOT_A_SKILL, raw, end) !== -1) continue;
    const name = referenceName(m[2]!);
    // 0-based index of the name: the match ends with name, backtick, closing emphasis.
    const nameIndex = end - (m[1]?.length ?? 0) - 1 - m[2]!.length;
    if (name) found.addReference(name, nameIndex + 1 + (m[2]!.length - m[2]!.trimStart().length), lineNo);
  }
}

/** "the `name` skill" anywhere, unless the words before it make it history or an example ("a `name` skill"). */
function namedSkills(raw: string, found: Findings, lineNo: number): void {
  NAMED_SKILL.lastIndex = 0;
  for (let m = NAMED_SKILL.exec(raw); m; m = raw.includes('`', NAMED_SKILL.lastIndex) ? NAMED_SKILL.exec(raw) : null) {
    const name = referenceName((m[2] ?? '') + m[3]!);
    if (!name || indefiniteBefore(raw, m.index)) continue;
    if (!HISTORY_BEFORE.test(raw.slice(Math.max(0, m.index - 60), m.index))) found.addReference(name, m.index + (m[1]?.length ?? 0) + 2, lineNo);
  }
}

/** Whether references are already in source order (they nearly always are). */
function inSourceOrder(refs: readonly SkillReference[]): boolean {
  for (let i = 1; i < refs.length; i++) {
    const a = refs[i - 1]!;
    const b = refs[i]!;
    if (a.line > b.line || (a.line === b.line && a.column > b.column)) return false;
  }
  return true;
}

/** An enclosing heading; whether it names a referencing section is judged only when a line needs it. */
interface Section {
  level: number;
  text: string;
  judged: boolean;
  referencing: boolean;
}

/** The code spans of a line (none without a backtick): asked for only when something needs them. */
function spansOf(raw: string, hasCode: boolean): readonly number[] {
  return hasCode ? codeSpans(raw) : NO_SPANS;
}

/**
 * What the scan has found so far, and the work done only on the few lines that hold something.
 * The per-line loop stays in analyzeBody, small, so that V8 optimizes it early: in a CLI run
 * every skill is scanned once, and a large loop body is still interpreted after a thousand.
 */
class Findings {
  readonly headings: Heading[] = [];
  readonly codeBlocks: CodeBlock[] = [];
  readonly links: Link[] = [];
  readonly references: SkillReference[] = [];
  /** Enclosing headings, outermost first, by strictly growing level. */
  private readonly stack: Section[] = [];
  /**
   * Whether any enclosing heading is a referencing one, once a line has asked. (Two booleans
   * rather than `boolean | undefined`: a field that changes between undefined and a boolean
   * changes the object's hidden class and throws optimized code away.)
   */
  private referencingKnown = true;
  private referencing = false;
  private section = '';
  /** The names of the line `lineNamesAt`, kept once it has a second reference. */
  private lineNames: Set<string> | undefined;
  private lineNamesAt = -1;

  enterHeading(heading: Heading): void {
    this.headings.push(heading);
    const stack = this.stack;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    stack.push({ level: heading.level, text: heading.text, judged: false, referencing: false });
    this.referencingKnown = false;
    this.section = heading.text;
  }

  inReferencingSection(): boolean {
    // Headings are judged when a line in their section could name a skill, each at most once.
    if (!this.referencingKnown) {
      this.referencing = false;
      for (const s of this.stack) {
        if (!s.judged) {
          s.referencing = isReferenceHeading(s.text);
          s.judged = true;
        }
        if (s.referencing) {
          this.referencing = true;
          break;
        }
      }
      this.referencingKnown = true;
    }
    return this.referencing;
  }

  addReference(name: string, column: number, line: number): void {
    // Once per name and line. Most lines name one skill, and need no set to know that.
    const last = this.references[this.references.length - 1];
    if (last !== undefined && last.line === line) {
      if (this.lineNamesAt !== line) {
        this.lineNames = new Set([last.name]);
        this.lineNamesAt = line;
      }
      if (this.lineNames!.has(name)) return;
      this.lineNames!.add(name);
    }
    this.references.push({ name, line, column, section: this.section });
  }

  /**
   * Links, file mentions and skill references of a line that holds a backtick, a `](`, a `<`,
   * starts with `[`, or holds bold text (`strong`); `heading` when the line is an ATX heading.
   */
  lineContent(raw: string, lineNo: number, first: number, heading: boolean, hasCode: boolean, hasLink: boolean, hasAngle: boolean, strong: boolean): void {
    // Code spans (file mentions live there, and links inside them are not links), found only when asked.
    let spans: readonly number[] | undefined;
    if (hasAngle && raw.includes('<!--')) raw = blankComments(raw, (spans = spansOf(raw, hasCode)));
    if (hasCode) {
      const slash = raw.indexOf('/');
      if (slash !== -1) pathMentions(raw, (spans = codeSpans(raw)), slash, lineNo, this.links);
    }
    // The line with code spans blanked, made only when needed.
    let prose: string | undefined;
    if (hasLink) scanLinks((prose ??= blankCodeSpans(raw, (spans ??= spansOf(raw, hasCode)))), raw, lineNo, 0, this.links);
    if (hasAngle) htmlLinks((prose ??= blankCodeSpans(raw, (spans ??= spansOf(raw, hasCode)))), lineNo, this.links);
    // A definition starts with `[`, or with a code span that blanking turns into spaces.
    const def =
      first === BRACKET || (first === BACKTICK && (spans ??= spansOf(raw, hasCode)).length > 0)
        ? REF_DEF.exec((prose ??= blankCodeSpans(raw, (spans ??= spansOf(raw, hasCode)))))
        : null;
    if (def && !def[1]!.startsWith('^')) {
      this.links.push({ target: unwrapTarget(def[2]!), text: def[1]!, line: lineNo, column: raw.indexOf('[') + 1, kind: 'link' });
    }

    // Every name below is backticked, except bold names and links in a referencing section.
    if (!hasCode && !((hasLink || strong) && this.inReferencingSection())) return;
    if (hasCode && raw.includes('skill')) namedSkills(raw, this, lineNo);
    if (heading || !this.inReferencingSection()) return;
    if (isListMarkerStart(first)) listItemNames(raw, this, lineNo);
    if (raw.includes('|')) tableCellNames(raw, (prose ??= blankCodeSpans(raw, (spans ??= spansOf(raw, hasCode)))), this, lineNo);
    if (hasCode) {
      pointerNames(raw, ARROW_NAME, false, this, lineNo);
      pointerNames(raw, POINTER_NAME, true, this, lineNo);
    }
  }
}

export function analyzeBody(text: string, startLine: number): BodyAnalysis {
  const found = new Findings();
  /**
   * Where the previous line starts and ends (-1: it was a heading, a fence or nothing). Whether it
   * is paragraph text that a setext underline turns into a heading is asked only when one follows.
   */
  let previousStart = -1;
  let previousStop = -1;
  /** Whether the text holds a `\r`, U+2028 or U+2029 at all; asked by the first heading or fence. */
  let terminators: boolean | undefined;
  /**
   * Where the next backtick, `](`, `<`, `**` and `__` are. Each is found by one native search
   * that is repeated only once the scan has passed it: "does this line hold one" is then a
   * comparison, and each search reads the text once in all.
   */
  let nextTick = -1;
  let nextLink = -1;
  let nextAngle = -1;
  let nextStars = -1;
  let nextUnderscores = -1;
  /** The first of those five: a line that ends before it holds none of them. */
  let nextAny = -1;

  // Lines are found with indexOf rather than split('\n'), and only lines that may hold something
  // are cut out of the text: code lines and plain prose never are.
  let lineCount = 0;
  let stop = 0;
  for (let start = 0; start < text.length; start = stop + 1) {
    stop = text.indexOf('\n', start);
    if (stop === -1) stop = text.length;
    const lineNo = startLine + lineCount++;
    // Most work below is gated on the first character that is not a blank: most lines of a
    // skill are prose or code, and this scan runs over thousands of files.
    let indent = start;
    let first = start < stop ? text.charCodeAt(start) : -1;
    if (first === SPACE || first === TAB) {
      indent = skipIndent(text, start, stop);
      first = indent < stop ? text.charCodeAt(indent) : -1;
    }
    if (nextAny < start) {
      if (nextTick < start) nextTick = nextIndex(text, '`', start);
      if (nextLink < start) nextLink = nextIndex(text, '](', start);
      if (nextAngle < start) nextAngle = nextIndex(text, '<', start);
      if (nextStars < start) nextStars = nextIndex(text, '**', start);
      if (nextUnderscores < start) nextUnderscores = nextIndex(text, '__', start);
      nextAny = Math.min(nextTick, nextLink, nextAngle, nextStars, nextUnderscores);
    }
    // Plain text, most lines, is known from its first character and `nextAny`: it can only be the
    // text of a setext heading, so nothing else is asked of it (most lines of a cold run are read
    // before V8 has optimized this loop, and each check costs there).
    if (nextAny >= stop && first !== HASH && first !== DASH && first !== EQUALS && first !== BRACKET && first !== TILDE && first !== BACKTICK) {
      previousStart = start;
      previousStop = stop;
      continue;
    }
    if (first === LESS_THAN && indent - start < 4 && text.startsWith('<!--', indent)) {
      // An HTML comment block (CommonMark's HTML block 2): raw HTML up to the end of the line that
      // holds `-->`, never rendered, so nothing in it is a heading, a link or a pointer to a skill.
      const close = text.indexOf('-->', indent + 2);
      let end = close === -1 ? -1 : text.indexOf('\n', close + 3);
      if (end === -1) end = text.length;
      lineCount += countLines(text, start, end) - 1;
      stop = end;
      previousStart = -1;
      continue;
    }
    if (first === BACKTICK || first === TILDE) {
      const fence = openFence(text, start, indent, stop, first, lineNo, (terminators ??= hasLineTerminator(text)));
      if (fence) {
        // The code lines are counted, not read: the scan goes on after the line that closes the fence.
        const close = closingLine(text, fence, fence.codeStart);
        found.codeBlocks.push(fence.block);
        if (close === -1) {
          lineCount += countLines(text, fence.codeStart, text.length);
          // Unclosed: the code runs to the end of the last line.
          fence.block.code = fence.codeStart < text.length ? text.slice(fence.codeStart, text.endsWith('\n') ? text.length - 1 : text.length) : '';
          fence.block.unclosed = true;
          break;
        }
        lineCount += countLines(text, fence.codeStart, close) + 1;
        // The code lines joined by '\n' are the text up to the '\n' before the closing line ('' when none).
        fence.block.code = text.slice(fence.codeStart, close - 1);
        stop = text.indexOf('\n', close);
        if (stop === -1) stop = text.length;
        previousStart = -1;
        continue;
      }
    }
    if (previousStart !== -1 && (first === EQUALS || first === DASH) && couldBeUnderline(text, indent, stop, first)) {
      const heading = setextHeading(text, previousStart, previousStop, start, stop, lineNo - 1);
      if (heading) {
        found.enterHeading(heading);
        previousStart = -1;
        continue;
      }
    }
    const h = first === HASH ? atxHeading(text, start, indent, stop, lineNo, (terminators ??= hasLineTerminator(text))) : undefined;
    previousStart = h ? -1 : start;
    previousStop = stop;
    if (h) found.enterHeading(h);

    const hasCode = nextTick < stop;
    const hasLink = nextLink < stop;
    const hasAngle = nextAngle < stop;
    // Without a backtick, a line can name skills only in bold or as a link (in a referencing section).
    const strong = !hasCode && (nextStars < stop || nextUnderscores < stop);
    // Plain text (most lines) holds nothing to find.
    if (!hasCode && !hasLink && !hasAngle && first !== BRACKET && (h || !strong || !found.inReferencingSection())) continue;
    found.lineContent(text.slice(start, stop), lineNo, first, h !== undefined, hasCode, hasLink, hasAngle, strong);
  }
  const { headings, codeBlocks, links, references } = found;
  // References in source order (several patterns may find names on one line).
  if (!inSourceOrder(references)) references.sort((a, b) => a.line - b.line || a.column - b.column);
  return { lineCount, headings, codeBlocks, links, references };
}
