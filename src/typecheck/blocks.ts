/**
 * Which code blocks of a skill get type-checked, and as which file.
 * Pure: no TypeScript, no file system. The compiler side (program.ts) only sees the plan.
 */
import type { CodeBlock } from '../skill/model.js';
import type { Diagnostic } from '../types.js';

/** Fence languages whose blocks are compiled. */
export const CHECKED_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts']);

/**
 * Limits that keep a hostile or accidental giant pack from making one compiler run
 * take minutes or gigabytes. Real skills stay far below them (SKILL.md is ~500 lines).
 */
export const LIMITS = {
  /** Characters of code in one block. */
  blockChars: 100_000,
  /** Checked blocks in one skill. */
  blocksPerSkill: 200,
  /** Checked blocks in one run. */
  blocksTotal: 5_000,
  /** Characters of code in one run. */
  charsTotal: 2_000_000,
  /** Compiler diagnostics reported for one block; the rest are summarised. */
  diagnosticsPerBlock: 20,
  /** Length of a file name in a first-line comment. */
  pathChars: 300,
} as const;

export interface PlannedFile {
  /** Path relative to the skill's virtual root, `/` separators (`src/inngest/client.ts`). */
  relPath: string;
  /** True when the block named this file in its first line. */
  named: boolean;
  block: CodeBlock;
}

export interface SkillPlan {
  files: PlannedFile[];
  optedOut: number;
  /** Problems found before compiling (duplicate file names, over-size blocks, bad names). */
  diagnostics: Diagnostic[];
}

export interface Budget {
  blocks: number;
  chars: number;
  /** Set once the run-wide limit was hit, so it is reported once. */
  exhausted: boolean;
}

export function newBudget(): Budget {
  return { blocks: 0, chars: 0, exhausted: false };
}

/** True when the info string carries the opt-out word (`ts nocheck`, `tsx title="x" nocheck`). */
export function isOptedOut(info: string): boolean {
  return /(?:^|[^A-Za-z0-9_-])nocheck(?:$|[^A-Za-z0-9_-])/.test(info);
}

const TS_EXTENSION = /\.(?:ts|tsx|mts|cts)$/;
/** Characters a file name may use: letters, digits and what Next.js segments need (`[id]`, `(group)`, `@slot`). */
const PATH_CHARS = /^[A-Za-z0-9_.@+\-[\]()]+$/;

export type NamedPath =
  | { kind: 'none' }
  | { kind: 'ok'; relPath: string; column: number }
  | { kind: 'invalid'; text: string; column: number; reason: string };

/**
 * Reads the file name a block declares in its first line (`// src/inngest/client.ts`).
 * A first line comment that is one word ending in a TS extension is a file name; anything
 * else (`// Example`, `// see src/a.ts`) leaves the block an anonymous module.
 */
export function namedPath(code: string): NamedPath {
  const newline = code.indexOf('\n');
  const first = newline === -1 ? code : code.slice(0, newline);
  const match = /^(\s*\/\/\s*)(\S+)\s*$/.exec(first);
  if (!match) return { kind: 'none' };
  const text = match[2] ?? '';
  if (!TS_EXTENSION.test(text)) return { kind: 'none' };
  const column = (match[1] ?? '').length + 1;
  const invalid = (reason: string): NamedPath => ({ kind: 'invalid', text, column, reason });
  if (text.length > LIMITS.pathChars) return invalid(`it is longer than ${LIMITS.pathChars} characters`);
  if (text.includes('\\')) return invalid('it uses `\\`; write paths with `/`');
  if (text.startsWith('/') || /^[A-Za-z]:/.test(text)) return invalid('it is absolute; name a path relative to the project root');
  const segments = (text.startsWith('./') ? text.slice(2) : text).split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      return invalid('it has an empty, `.` or `..` segment; name a path inside the project');
    }
    if (!PATH_CHARS.test(segment)) {
      return invalid(`segment \`${segment}\` has characters other than letters, digits, \`_ . - @ + [ ] ( )\``);
    }
  }
  return { kind: 'ok', relPath: segments.join('/'), column };
}

function extensionFor(lang: string): string {
  if (lang === 'tsx' || lang === 'mts' || lang === 'cts') return lang;
  return 'ts';
}

function diag(file: string, line: number, column: number, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { ruleId: 'typecheck', severity: 'error', message, file, line, column };
  if (hint !== undefined) d.hint = hint;
  return d;
}

/**
 * Decides, for one skill, which blocks are compiled and under which relative path.
 * `budget` is shared by all skills of a run and updated in place.
 */
export function planSkill(file: string, blocks: readonly CodeBlock[], budget: Budget): SkillPlan {
  const files: PlannedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let optedOut = 0;
  const namedAt = new Map<string, number>();
  const anonymous: CodeBlock[] = [];
  let perSkillReported = false;

  for (const block of blocks) {
    if (!CHECKED_LANGS.has(block.lang)) continue;
    if (isOptedOut(block.info)) {
      optedOut++;
      continue;
    }
    // An unclosed fence swallows the rest of the document; the markdown rules report it,
    // and compiling prose would only bury that report under noise.
    if (block.unclosed) continue;
    if (block.code.length > LIMITS.blockChars) {
      diagnostics.push(diag(block.file ?? file, block.line, block.column,
        `code block is too large to type-check (${block.code.length} characters, limit ${LIMITS.blockChars})`,
        'Split the block, move the code to a file under references/, or mark the fence `nocheck`'));
      continue;
    }
    if (files.length + anonymous.length >= LIMITS.blocksPerSkill) {
      if (!perSkillReported) {
        diagnostics.push(diag(block.file ?? file, block.line, block.column,
          `more than ${LIMITS.blocksPerSkill} TypeScript blocks in one skill; this block and the ones after it are not type-checked`,
          'Move long examples into references/ files or mark fragments `nocheck`'));
        perSkillReported = true;
      }
      continue;
    }
    if (budget.blocks >= LIMITS.blocksTotal || budget.chars + block.code.length > LIMITS.charsTotal) {
      if (!budget.exhausted) {
        diagnostics.push(diag(block.file ?? file, block.line, block.column,
          `the type check stops here: the run reached its limit of ${LIMITS.blocksTotal} blocks or ${LIMITS.charsTotal} characters`,
          'Type-check fewer skills at a time'));
        budget.exhausted = true;
      }
      continue;
    }

    const named = namedPath(block.code);
    if (named.kind === 'invalid') {
      diagnostics.push(diag(block.file ?? file, block.codeLine, named.column,
        `first-line file name \`${named.text}\` is not usable: ${named.reason}`,
        'Write a relative path such as `// src/inngest/client.ts`, or remove the comment to check the block on its own'));
    }
    if (named.kind === 'ok') {
      const previous = namedAt.get(named.relPath);
      if (previous !== undefined) {
        diagnostics.push(diag(block.file ?? file, block.codeLine, named.column,
          `\`${named.relPath}\` is already defined by the code block at line ${previous}; this block is not type-checked`,
          'Give this block another file name, remove its first-line comment, or mark the fence `nocheck`'));
        continue;
      }
      namedAt.set(named.relPath, block.line);
      files.push({ relPath: named.relPath, named: true, block });
    } else {
      anonymous.push(block);
    }
    budget.blocks++;
    budget.chars += block.code.length;
  }

  // Anonymous names come last so a named file can never be shadowed by one.
  for (const block of anonymous) {
    const ext = extensionFor(block.lang);
    let relPath = `__block_L${block.line}.${ext}`;
    for (let n = 2; namedAt.has(relPath); n++) relPath = `__block_L${block.line}_${n}.${ext}`;
    namedAt.set(relPath, block.line);
    files.push({ relPath, named: false, block });
  }
  return { files, optedOut, diagnostics };
}
