/**
 * One pass over a SKILL.md body: headings, fenced code blocks, links, file mentions and
 * cross-skill references, each with its file line.
 *
 * Written by hand rather than with a Markdown parser (remark, markdown-it): the rules need
 * line-level structure only, and a full CommonMark AST costs ~10x the time of this scan on
 * a 10,000-skill run. What this scan deliberately does not model (indented code blocks,
 * multi-line code spans, HTML blocks) cannot produce a cross-reference or a fence.
 */
import type { CodeBlock, Heading, Link, SkillReference } from './model.js';

export interface BodyAnalysis {
  lineCount: number;
  headings: Heading[];
  codeBlocks: CodeBlock[];
  links: Link[];
  references: SkillReference[];
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** Inline links and images: [text](target "title"), ![alt](<target>). */
const INLINE_LINK = /(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
/** Reference definitions: [id]: target */
const REF_DEF = /^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)/;
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
/** A file inside the skill, named in inline code: `references/retries.md`, `scripts/check.py`. */
const SKILL_PATH = /^(?:\.\/)?(?:references|scripts|assets|templates|examples)\/[\w.\-/]+\.[A-Za-z0-9]+$/;
/** Spec skill name shape. */
export const SKILL_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Sections whose list items and arrows point at other skills. */
const REFERENCE_SECTION =
  /\b(compose[sd]? with|when not to use|not for|don'?t use|do not use|related( skills)?|see also|alternatives?|works? (well )?with|pairs? (well )?with|combine[sd]? with|prerequisites?|depends on|use instead|instead)\b/i;
/** A list item that starts with one or more backticked names. */
const LIST_ITEM_NAMES = /^\s*(?:[-*+]|\d+[.)])\s+((?:`[^`\n]+`\s*(?:,|\/|&|\+|and|or)?\s*)+)(.*)$/;
/** What may follow the leading names of a referencing list item: end, a dash, a colon, a parenthesis. */
const AFTER_NAMES = /^(?:$|[—–:(]|-\s|[-–—]{2}|\s*$|\b(?:skill|for|when|to|handles?|covers?|is|—)\b)/i;
/** `→ \`name\``, `-> \`name\``, `=> \`name\`` and "→ use `name`". */
const ARROW_NAME = /(?:→|->|=>|⇒)\s*(?:(?:use|see|the)\s+)?`([^`\n]+)`/g;
/** "the `name` skill": a reference anywhere in the body. */
const NAMED_SKILL = /`([a-z0-9]+(?:-[a-z0-9]+)*)`\s+skills?\b/g;

function fenceInfo(rest: string, char: string): { info: string; ok: boolean } {
  const info = rest.trim();
  // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
  return { info, ok: char === '~' || !info.includes('`') };
}

/** Replace code spans by spaces of equal length, so links inside them are not seen and columns hold. */
function blankCodeSpans(line: string, onSpan?: (content: string, column: number) => void): string {
  if (!line.includes('`')) return line;
  return line.replace(CODE_SPAN, (match: string, ticks: string, content: string, offset: number) => {
    onSpan?.(content.trim(), offset + ticks.length + 1 + (content.length - content.trimStart().length));
    return ' '.repeat(match.length);
  });
}

export function analyzeBody(text: string, startLine: number): BodyAnalysis {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const headings: Heading[] = [];
  const codeBlocks: CodeBlock[] = [];
  const links: Link[] = [];
  const references: SkillReference[] = [];
  /** Heading stack by level, to know whether any enclosing section is a referencing one. */
  const stack: Heading[] = [];
  let referencing = false;
  let section = '';

  let fence: { char: string; len: number; block: CodeBlock; code: string[] } | undefined;

  const addReference = (name: string, line: number, column: number) => {
    if (!SKILL_NAME.test(name) || name.length > 64) return;
    references.push({ name, line, column, section });
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = startLine + i;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(raw);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len) {
        fence.block.code = fence.code.join('\n');
        codeBlocks.push(fence.block);
        fence = undefined;
      } else {
        fence.code.push(raw);
      }
      continue;
    }
    const open = FENCE_OPEN.exec(raw);
    if (open) {
      const char = open[2]![0]!;
      const { info, ok } = fenceInfo(open[3]!, char);
      if (ok) {
        fence = {
          char,
          len: open[2]!.length,
          code: [],
          block: {
            lang: (info.split(/\s+/)[0] ?? '').replace(/^\{?\.?/, '').replace(/\}$/, '').toLowerCase(),
            info,
            code: '',
            line: lineNo,
            codeLine: lineNo + 1,
            column: open[1]!.length + 1,
            unclosed: false,
          },
        };
        continue;
      }
    }
    const h = HEADING.exec(raw);
    if (h) {
      const heading: Heading = { level: h[1]!.length, text: (h[2] ?? '').trim(), line: lineNo };
      headings.push(heading);
      while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
      stack.push(heading);
      referencing = stack.some((s) => REFERENCE_SECTION.test(s.text));
      section = heading.text;
      continue;
    }

    // Inline content: code spans first (file mentions live there), then links outside them.
    const spans: Array<{ content: string; column: number }> = [];
    const prose = blankCodeSpans(raw, (content, column) => spans.push({ content, column }));
    for (const s of spans) {
      if (SKILL_PATH.test(s.content)) links.push({ target: s.content, text: s.content, line: lineNo, column: s.column, kind: 'path' });
    }
    if (prose.includes('](')) {
      INLINE_LINK.lastIndex = 0;
      for (let m = INLINE_LINK.exec(prose); m; m = INLINE_LINK.exec(prose)) {
        let target = m[3]!;
        if (target.startsWith('<') && target.endsWith('>')) target = target.slice(1, -1);
        links.push({ target, text: m[2]!, line: lineNo, column: m.index + 1, kind: m[1] ? 'image' : 'link' });
      }
    }
    const def = REF_DEF.exec(prose);
    if (def) {
      let target = def[2]!;
      if (target.startsWith('<') && target.endsWith('>')) target = target.slice(1, -1);
      links.push({ target, text: def[1]!, line: lineNo, column: raw.indexOf('[') + 1, kind: 'link' });
    }

    if (!raw.includes('`')) continue;
    NAMED_SKILL.lastIndex = 0;
    for (let m = NAMED_SKILL.exec(raw); m; m = NAMED_SKILL.exec(raw)) addReference(m[1]!, lineNo, m.index + 2);
    if (!referencing) continue;
    const item = LIST_ITEM_NAMES.exec(raw);
    if (item && AFTER_NAMES.test(item[2]!.trimStart()) ) {
      const namesStart = raw.indexOf(item[1]!);
      const re = /`([^`\n]+)`/g;
      for (let m = re.exec(item[1]!); m; m = re.exec(item[1]!)) addReference(m[1]!.trim(), lineNo, namesStart + m.index + 2);
    }
    ARROW_NAME.lastIndex = 0;
    for (let m = ARROW_NAME.exec(raw); m; m = ARROW_NAME.exec(raw)) {
      const name = m[1]!.trim();
      addReference(name, lineNo, m.index + m[0].length - m[1]!.length);
    }
  }
  if (fence) {
    fence.block.code = fence.code.join('\n');
    fence.block.unclosed = true;
    codeBlocks.push(fence.block);
  }
  // One reference per name and line: the list-item and arrow patterns can both match.
  const seen = new Set<string>();
  const unique = references.filter((r) => {
    const k = `${r.line}:${r.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { lineCount: lines.length, headings, codeBlocks, links, references: unique };
}
