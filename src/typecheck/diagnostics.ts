/**
 * Compiler diagnostics -> vibe-skills diagnostics, positioned in the SKILL.md that holds
 * the block (or in the real file: a stub, a library, the tsconfig).
 */
import type * as TS from 'typescript';
import type { CodeBlock } from '../skill/model.js';
import type { Diagnostic } from '../types.js';
import { LIMITS } from './blocks.js';
import type { TypeScriptModule } from './typescript.js';

export interface BlockOrigin {
  /** Display path of the SKILL.md. */
  skillFile: string;
  block: CodeBlock;
  /** The skill's virtual root, `/`-terminated, removed from messages that print paths. */
  rootPrefix: string;
}

export interface MapContext {
  ts: TypeScriptModule;
  /** Virtual file path (as the compiler names it) -> where it came from. */
  origins: ReadonlyMap<string, BlockOrigin>;
  /** Display path for a real file. */
  display(absPath: string): string;
  configDisplay: string;
  projectDisplay: string;
  stubsDisplay: string | undefined;
  /** True when a module name would go through a `paths` alias. */
  isAlias(name: string): boolean;
}

function flatten(ts: TypeScriptModule, d: TS.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n');
}

const MISSING_MODULE_CODES = new Set([2307, 2792]);

function missingModuleHint(text: string, ctx: MapContext): string | undefined {
  const name = /Cannot find module '([^']+)'/.exec(text)?.[1];
  if (name === undefined) return undefined;
  if (name.startsWith('.') || name.startsWith('/') || ctx.isAlias(name)) {
    const stubs = ctx.stubsDisplay === undefined ? 'a stubs folder' : `the stubs folder (${ctx.stubsDisplay})`;
    return `Define it in this skill with a block whose first line names the file (e.g. \`// src/lib/email.ts\`), or add a stub for it to ${stubs}`;
  }
  const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name);
  return `Install \`${pkg}\` in the type-check project (${ctx.projectDisplay}), or mark the fence \`nocheck\` if the block is a deliberate fragment`;
}

export function mapDiagnostics(diagnostics: readonly TS.Diagnostic[], ctx: MapContext): Diagnostic[] {
  const { ts } = ctx;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const perBlock = new Map<BlockOrigin, number>();

  for (const d of diagnostics) {
    if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
    let text = flatten(ts, d);
    const origin = d.file ? ctx.origins.get(d.file.fileName) : undefined;
    let result: Diagnostic;
    if (d.file && origin) {
      text = text.split(origin.rootPrefix).join('');
      const start = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      const end = d.file.getLineAndCharacterOfPosition((d.start ?? 0) + (d.length ?? 0));
      result = {
        ruleId: 'typecheck',
        severity: 'error',
        message: `TS${d.code}: ${text}`,
        file: origin.skillFile,
        line: origin.block.codeLine + start.line,
        column: start.character + 1,
        endLine: origin.block.codeLine + end.line,
        endColumn: end.character + 1,
      };
      if (MISSING_MODULE_CODES.has(d.code)) {
        const hint = missingModuleHint(text, ctx);
        if (hint !== undefined) result.hint = hint;
      }
    } else if (d.file) {
      // A stub, a library's .d.ts or the config: report it where it is, so a broken stub
      // shows up instead of silently weakening every block that imports it.
      const start = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      result = {
        ruleId: 'typecheck',
        severity: 'error',
        message: `TS${d.code}: ${text}`,
        file: ctx.display(d.file.fileName),
        line: start.line + 1,
        column: start.character + 1,
      };
    } else {
      result = {
        ruleId: 'typecheck',
        severity: 'error',
        message: `TS${d.code}: ${text}`,
        file: ctx.configDisplay,
        line: 0,
        column: 0,
        hint: `Fix the compiler options in ${ctx.configDisplay}`,
      };
    }
    // The fallback after a compiler crash checks some files more than once.
    const key = `${result.file}\0${result.line}\0${result.column}\0${result.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (origin) {
      const count = (perBlock.get(origin) ?? 0) + 1;
      perBlock.set(origin, count);
      if (count > LIMITS.diagnosticsPerBlock) continue;
    }
    out.push(result);
  }

  for (const [origin, count] of perBlock) {
    if (count <= LIMITS.diagnosticsPerBlock) continue;
    out.push({
      ruleId: 'typecheck',
      severity: 'error',
      message: `${count - LIMITS.diagnosticsPerBlock} more TypeScript errors in this code block are not shown`,
      file: origin.skillFile,
      line: origin.block.line,
      column: origin.block.column,
      hint: 'Fix the errors above first; if the block is a deliberate fragment, mark the fence `nocheck`',
    });
  }
  return out;
}
