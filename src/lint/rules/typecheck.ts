import type { RepoRule } from '../types.js';

/**
 * The `--typecheck` diagnostics come from src/typecheck (one compiler run for all blocks);
 * this entry gives them a rule id, docs and a severity that configuration can change.
 */
export const rule: RepoRule = {
  id: 'typecheck',
  scope: 'repo',
  description: 'TypeScript code blocks compile against the real packages (with --typecheck)',
  severity: 'error',
  docs: 'A skill that teaches code that does not compile teaches the agent to write broken code. With --typecheck, every ts/tsx block is compiled with the TypeScript compiler against the packages of the project you name; a block whose first line is `// src/path.ts` becomes that file so blocks can import each other. Mark a deliberate fragment with ```ts nocheck.',
  check() {},
};
