/**
 * Runs the compiler over the virtual files: one program for the whole pack, and only when
 * the compiler itself breaks (a hostile block nesting thousands of levels deep overflows
 * its stack) a narrowing down to the skill and block responsible, so one bad block cannot
 * hide every other skill's results.
 */
import type * as TS from 'typescript';
import type { VirtualFile } from './host.js';
import type { TypeScriptModule } from './typescript.js';
import { append } from '../append.js';

export interface CheckOutcome {
  diagnostics: TS.Diagnostic[];
  /** Virtual files the compiler could not process, with the error it threw. */
  failedFiles: Map<string, string>;
  /** Skills whose program broke although none of their files broke alone (a combination). */
  failedSkills: Map<number, string>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses each file alone first: the parser is where deep nesting breaks, and a file that
 * cannot be parsed would break every program that includes it.
 */
export function unparsable(ts: TypeScriptModule, files: Iterable<VirtualFile>, target: TS.ScriptTarget | undefined): Map<string, string> {
  const failed = new Map<string, string>();
  for (const file of files) {
    try {
      ts.createSourceFile(file.path, file.text, target ?? ts.ScriptTarget.ES2022);
    } catch (error) {
      failed.set(file.path, errorText(error));
    }
  }
  return failed;
}

export function checkPrograms(ts: TypeScriptModule, host: TS.CompilerHost, options: TS.CompilerOptions, files: ReadonlyMap<string, VirtualFile>): CheckOutcome {
  const run = (rootNames: string[]): readonly TS.Diagnostic[] =>
    ts.getPreEmitDiagnostics(ts.createProgram({ rootNames, options, host }));
  const outcome: CheckOutcome = { diagnostics: [], failedFiles: new Map(), failedSkills: new Map() };
  try {
    append(outcome.diagnostics, run([...files.keys()]));
    return outcome;
  } catch {
    // Fall through to the narrowing below.
  }

  const bySkill = new Map<number, string[]>();
  for (const file of files.values()) {
    const list = bySkill.get(file.skill) ?? [];
    list.push(file.path);
    bySkill.set(file.skill, list);
  }
  for (const [skill, paths] of bySkill) {
    try {
      append(outcome.diagnostics, run(paths));
      continue;
    } catch (error) {
      let blamed = false;
      for (const p of paths) {
        try {
          append(outcome.diagnostics, run([p]));
        } catch (fileError) {
          outcome.failedFiles.set(p, errorText(fileError));
          blamed = true;
        }
      }
      if (!blamed) outcome.failedSkills.set(skill, errorText(error));
    }
  }
  return outcome;
}
