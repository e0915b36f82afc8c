/**
 * `allowed-tools`: split the value into entries and classify each one. Shared by the
 * allowed-tools-* rules.
 *
 * The field comes in three shapes: space-separated (the Agent Skills spec), comma-separated
 * (Claude Code's docs) and a YAML list. Claude Code splits every string on commas and
 * spaces outside parentheses, so `Bash(git diff:*)`, `Bash(npx prisma *)` and
 * `Agent(a, b)` stay whole. We do the same, with nesting depth and `\(` escapes.
 *
 * Tool names: the built-in tools of Claude Code 2.1.x (read from the CLI's permissions
 * code) plus the legacy names it still maps or that older skills use.
 * tests/compat/claude-code.test.ts checks both lists against the pinned CLI.
 */
import type { FrontmatterField, SkillDocument } from '../../skill/model.js';
import type { Position } from '../../types.js';
import { perDocument } from '../derived.js';
import { getField, locate, positionInScalar } from './frontmatter-fields.js';

/**
 * Claude Code's built-in tools (case-sensitive, as permission rules match them): the
 * canonical list in its permissions code, plus `REPL`, which it has behind a setting.
 */
export const CURRENT_TOOLS: readonly string[] = [
  'Agent',
  'Artifact',
  'AskUserQuestion',
  'Bash',
  'ClaudeDesign',
  'CronCreate',
  'CronDelete',
  'CronList',
  'Edit',
  'EndConversation',
  'EnterPlanMode',
  'EnterWorktree',
  'ExitPlanMode',
  'ExitWorktree',
  'Glob',
  'Grep',
  'ListAgents',
  'ListMcpResourcesTool',
  'LSP',
  'Monitor',
  'NotebookEdit',
  'OfferChromeSetup',
  'PowerShell',
  'Projects',
  'propose_skills',
  'PushNotification',
  'Read',
  'ReadMcpResourceDirTool',
  'ReadMcpResourceTool',
  'ReadNotifications',
  'RemoteTrigger',
  'REPL',
  'ReportFindings',
  'ScheduleWakeup',
  'SendFeedback',
  'SendMessage',
  'SendUserFile',
  'SendUserMessage',
  'SetGoal',
  'ShareOnboardingGuide',
  'ShowOnboardingRolePicker',
  'Skill',
  'SubagentHandback',
  'TaskCreate',
  'TaskGet',
  'TaskList',
  'TaskStop',
  'TaskUpdate',
  'TodoWrite',
  'ToolSearch',
  'WaitForMcpServers',
  'WebFetch',
  'WebSearch',
  'Workflow',
  'Write',
];

/**
 * Older names. The first group Claude Code still maps to a current tool; the second are
 * tools that were removed or merged (Claude Code lists the recent ones as removed tools; an
 * entry naming one is harmless and common in older skills).
 */
export const LEGACY_TOOLS: ReadonlyMap<string, string | undefined> = new Map<string, string | undefined>([
  ['Task', 'Agent'],
  ['KillShell', 'TaskStop'],
  ['KillBash', 'TaskStop'],
  ['ListPeers', 'ListAgents'],
  ['Brief', 'SendUserMessage'],
  ['ListMcpResources', 'ListMcpResourcesTool'],
  ['ReadMcpResource', 'ReadMcpResourceTool'],
  ['ReadMcpResourceDir', 'ReadMcpResourceDirTool'],
  ['ProposeGoal', 'SetGoal'],
  ['Eval', 'REPL'],
  ['RunWorkflow', 'Workflow'],
  ['TaskOutput', undefined],
  ['BashOutput', undefined],
  ['BashOutputTool', undefined],
  ['AgentOutput', undefined],
  ['AgentOutputTool', undefined],
  ['TeamCreate', undefined],
  ['TeamDelete', undefined],
  ['Frame', undefined],
  ['FrameRead', undefined],
  ['SuggestBackgroundPR', undefined],
  ['AutofixPr', undefined],
  ['MultiEdit', undefined],
  ['LS', undefined],
  ['NotebookRead', undefined],
  ['TodoRead', undefined],
  ['SlashCommand', undefined],
]);

const KNOWN = new Set<string>([...CURRENT_TOOLS, ...LEGACY_TOOLS.keys()]);

export function isKnownTool(name: string): boolean {
  return KNOWN.has(name);
}

/** Tools whose scope is a file pattern (`Read(src/**)`), where `:*` means nothing. */
const FILE_PATTERN_TOOLS = new Set(['Read', 'Write', 'Edit', 'Glob', 'NotebookEdit', 'NotebookRead']);
/** Tools that run shell commands: their scope is a command pattern. */
export const SHELL_TOOLS = new Set(['Bash', 'PowerShell']);

export interface ToolToken {
  text: string;
  /** Offsets into the string the token came from. */
  start: number;
  end: number;
}

const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const OPEN = 0x28;
const CLOSE = 0x29;

/**
 * Split a tool list on commas and whitespace that are outside parentheses. Unbalanced
 * parentheses never throw: an unclosed `(` swallows the rest of the string into one token,
 * which the classifier then reports.
 */
export function tokenizeToolList(value: string): ToolToken[] {
  const tokens: ToolToken[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (depth === 0 && (c === COMMA || isRegExpSpace(c))) {
      if (start >= 0) tokens.push({ text: value.slice(start, i), start, end: i });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === BACKSLASH && i + 1 < value.length) {
      i++;
      continue;
    }
    if (c === OPEN) depth++;
    else if (c === CLOSE && depth > 0) depth--;
  }
  if (start >= 0) tokens.push({ text: value.slice(start), start, end: value.length });
  return tokens;
}

/**
 * Exactly the UTF-16 code units `/\s/` matches (ECMAScript WhiteSpace and LineTerminator:
 * tab, LF, VT, FF, CR, space, NBSP, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000, BOM). A comparison per character instead of a regex call per character; a test
 * checks it against `/\s/` for every code unit.
 */
export function isRegExpSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export type ToolEntry =
  | { kind: 'all' }
  | { kind: 'tool'; name: string }
  | { kind: 'scoped'; name: string; spec: string }
  | { kind: 'mcp'; server: string; tool?: string }
  | { kind: 'malformed'; reason: string; hint: string };

function countUnescaped(text: string, ch: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === ch) n++;
  }
  return n;
}

const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Classify one entry, with the checks Claude Code applies to permission rules. */
export function parseToolEntry(text: string): ToolEntry {
  if (text === '*') return { kind: 'all' };
  if (text.startsWith('mcp__')) {
    if (text.includes('(')) {
      const base = text.slice(0, text.indexOf('('));
      return {
        kind: 'malformed',
        reason: 'MCP tools take no pattern in parentheses',
        hint: `write \`${base}\`, or \`mcp__<server>__*\` for every tool of a server`,
      };
    }
    const [, server, ...rest] = text.split('__');
    if (!server) return { kind: 'malformed', reason: 'an MCP tool needs a server name', hint: 'write mcp__<server>__<tool>' };
    const tool = rest.join('__');
    return tool ? { kind: 'mcp', server, tool } : { kind: 'mcp', server };
  }
  // The usual entry, a bare tool name: it has no parentheses or escapes to count.
  if (TOOL_NAME.test(text)) return { kind: 'tool', name: text };
  const open = countUnescaped(text, '(');
  const close = countUnescaped(text, ')');
  if (open !== close) {
    return {
      kind: 'malformed',
      reason: open > close ? 'has an unclosed parenthesis' : 'has a `)` without a matching `(`',
      hint: 'balance the parentheses: Tool(pattern), e.g. Bash(git diff *)',
    };
  }
  if (open === 0) {
    if (TOOL_NAME.test(text)) return { kind: 'tool', name: text };
    return { kind: 'malformed', reason: 'is not a tool name', hint: 'write a tool name (Read), a scoped tool (Bash(git *)) or an MCP tool (mcp__server__tool)' };
  }
  const first = text.indexOf('(');
  const name = text.slice(0, first);
  if (!text.endsWith(')')) {
    return { kind: 'malformed', reason: 'has text after the closing parenthesis', hint: 'write Tool(pattern) with nothing after the `)`' };
  }
  if (name === '') return { kind: 'malformed', reason: 'has parentheses without a tool name', hint: 'put the tool name before the parentheses: Bash(git *)' };
  if (!TOOL_NAME.test(name)) return { kind: 'malformed', reason: 'does not start with a tool name', hint: 'write Tool(pattern), e.g. Bash(npm run *)' };
  const spec = text.slice(first + 1, -1);
  if (spec.trim() === '') return { kind: 'malformed', reason: 'has empty parentheses', hint: `write \`${name}\` or \`${name}(pattern)\`` };
  if (SHELL_TOOLS.has(name)) {
    if (spec === ':*') return { kind: 'malformed', reason: 'has nothing before `:*`', hint: `name the command: ${name}(npm run:*) or ${name}(npm run *)` };
    if (spec.includes(':*') && !spec.endsWith(':*')) {
      return { kind: 'malformed', reason: '`:*` is only allowed at the end of the pattern', hint: `move it to the end (${name}(git diff:*)) or use a wildcard (${name}(git diff *))` };
    }
  }
  if (FILE_PATTERN_TOOLS.has(name) && spec.includes(':*')) {
    return { kind: 'malformed', reason: '`:*` only works in Bash prefix patterns', hint: `use a glob: ${name}(src/**) or ${name}(*.ts)` };
  }
  if (name === 'WebFetch') {
    if (spec.includes('://') || spec.startsWith('http')) {
      return { kind: 'malformed', reason: 'WebFetch patterns are domains, not URLs', hint: 'write WebFetch(domain:example.com)' };
    }
    if (!spec.startsWith('domain:')) return { kind: 'malformed', reason: 'WebFetch patterns must start with `domain:`', hint: 'write WebFetch(domain:example.com)' };
  }
  if (name === 'WebSearch' && /[*?]/.test(spec)) {
    return { kind: 'malformed', reason: 'WebSearch patterns take no wildcards', hint: 'write the exact search terms, or just WebSearch' };
  }
  return { kind: 'scoped', name, spec };
}

export interface LocatedToolEntry {
  text: string;
  entry: ToolEntry;
  /** Position of the entry (computed on demand: it may re-parse the frontmatter). */
  where(): { pos: Position; end?: Position };
}

/**
 * Every entry of `allowed-tools`, or undefined when the field is absent or not a string or
 * list (frontmatter-types reports that). Non-string list items are skipped for the same reason.
 * Three rules read the entries: they are parsed once per document (see ../derived.ts), and
 * the shared list must not be modified.
 */
export const allowedToolEntries: (skill: SkillDocument) => LocatedToolEntry[] | undefined = perDocument(parseAllowedTools);

function parseAllowedTools(skill: SkillDocument): LocatedToolEntry[] | undefined {
  const field = getField(skill, 'allowed-tools');
  if (!field) return undefined;
  const value = field.value;
  const out: LocatedToolEntry[] = [];
  if (typeof value === 'string') addEntries(out, skill, field, value, [field.key]);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') addEntries(out, skill, field, item, [field.key, i]);
    }
  } else return undefined;
  return out;
}

/** The entries of one string of the field (the whole value, or one list item). */
function addEntries(out: LocatedToolEntry[], skill: SkillDocument, field: FrontmatterField, text: string, path: ReadonlyArray<string | number>): void {
  const tools = parseToolText(text).tools;
  for (let i = 0; i < tools.length; i++) out.push(new FieldToolEntry(tools[i]!, skill, field, path));
}

/** Bits of `allowedToolFlags`: what the three allowed-tools rules would find. */
export const TOOLS_MALFORMED = 1;
export const TOOLS_UNKNOWN = 2;
export const TOOLS_UNSCOPED_SHELL = 4;

/**
 * Which kinds of finding the `allowed-tools` entries of the document hold, as TOOLS_* bits
 * (0 when the field is absent or not a string or list). Nearly every skill's tool list is
 * fine: each rule asks this first and walks the entries (allocating one per entry, and
 * positions on demand) only when its bit is set. The bits come with the cached parse of
 * each text, so a repeated list costs one Map lookup.
 */
export const allowedToolFlags: (skill: SkillDocument) => number = perDocument((skill) => {
  const field = getField(skill, 'allowed-tools');
  if (!field) return 0;
  const value = field.value;
  if (typeof value === 'string') return parseToolText(value).flags;
  if (!Array.isArray(value)) return 0;
  let flags = 0;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item === 'string') flags |= parseToolText(item).flags;
  }
  return flags;
});

/** The TOOLS_* bits of one classified entry; the three rules test the same conditions. */
function entryFlags(entry: ToolEntry): number {
  if (entry.kind === 'malformed') return TOOLS_MALFORMED;
  if (entry.kind !== 'tool' && entry.kind !== 'scoped') return 0;
  let flags = isKnownTool(entry.name) ? 0 : TOOLS_UNKNOWN;
  if (isUnscopedShell(entry)) flags |= TOOLS_UNSCOPED_SHELL;
  return flags;
}

/** A shell tool allowed with any command: `Bash` or `Bash(*)`. */
export function isUnscopedShell(entry: ToolEntry): entry is Extract<ToolEntry, { name: string }> {
  return (entry.kind === 'tool' && SHELL_TOOLS.has(entry.name)) || (entry.kind === 'scoped' && SHELL_TOOLS.has(entry.name) && entry.spec.trim() === '*');
}

/** An entry with what `where()` needs to find it in the file: fields of an object, not a closure per entry. */
class FieldToolEntry implements LocatedToolEntry {
  readonly text: string;
  readonly entry: ToolEntry;

  constructor(
    private readonly parsed: ParsedTool,
    private readonly skill: SkillDocument,
    private readonly field: FrontmatterField,
    private readonly path: ReadonlyArray<string | number>,
  ) {
    this.text = parsed.token.text;
    this.entry = parsed.entry;
  }

  where(): { pos: Position; end?: Position } {
    const located = locate(this.skill, this.path);
    if (!located) return { pos: this.field.valuePos };
    const pos = positionInScalar(this.skill, located, this.parsed.token.start);
    const end = positionInScalar(this.skill, located, this.parsed.token.end);
    return pos && end ? { pos, end } : { pos: located.pos };
  }
}

interface ParsedTool {
  readonly token: ToolToken;
  readonly entry: ToolEntry;
}

/*
 * Tool lists repeat across the skills of a pack ("Read, Grep, Glob", "Bash(git diff:*)"), and
 * the same text always splits and classifies the same way: the result is kept per text, for a
 * bounded number of short texts. It is shared between documents and never modified.
 */
interface ParsedText {
  readonly tools: readonly ParsedTool[];
  /** TOOLS_* bits of all its entries. */
  readonly flags: number;
}

const parsedTexts = new Map<string, ParsedText>();
const PARSED_TEXTS_MAX = 256;
const PARSED_TEXT_MAX_LENGTH = 200;

function parseToolText(text: string): ParsedText {
  const cached = parsedTexts.get(text);
  if (cached !== undefined) return cached;
  const tools = tokenizeToolList(text).map((token) => ({ token, entry: parseToolEntry(token.text) }));
  let flags = 0;
  for (let i = 0; i < tools.length; i++) flags |= entryFlags(tools[i]!.entry);
  const parsed: ParsedText = { tools, flags };
  if (text.length <= PARSED_TEXT_MAX_LENGTH) {
    if (parsedTexts.size >= PARSED_TEXTS_MAX) parsedTexts.clear();
    parsedTexts.set(text, parsed);
  }
  return parsed;
}
