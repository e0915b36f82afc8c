/** Commander wiring: the program, its commands, and turning errors into exit codes. */
import { Command, CommanderError } from 'commander';
import { printable } from '../strings.js';
import { err, EXIT_USAGE, guardOutput, UsageError } from './io.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerRules } from './commands/rules.js';
import { register as registerPlugin } from './commands/plugin.js';
import { register as registerInstall } from './commands/install.js';
import { register as registerRemove } from './commands/remove.js';
import { register as registerList } from './commands/list.js';

const COMMANDS = [registerValidate, registerInstall, registerRemove, registerList, registerRules, registerPlugin];

/** Messages name files and skills from untrusted trees: no escape sequence reaches the terminal (lines kept). */
function safe(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** Errors users cause are printed as one message plus a hint; anything else is a bug. */
export function reportError(e: unknown): void {
  const debug = process.env.VIBE_SKILLS_DEBUG === '1';
  if (e instanceof UsageError || (e instanceof Error && ['ConfigError', 'ValidateUsageError', 'InstallError'].includes(e.name))) {
    const hint = (e as { hint?: string }).hint;
    err(`vibe-skills: ${safe(e.message)}${hint ? `\n  hint: ${safe(hint)}` : ''}`);
  } else {
    const message = safe(e instanceof Error ? e.message : String(e));
    err(`vibe-skills: internal error: ${message}\n  hint: this is a bug; rerun with VIBE_SKILLS_DEBUG=1 for details and report it`);
  }
  if (debug && e instanceof Error && e.stack) err(e.stack);
  process.exitCode = EXIT_USAGE;
}

export async function main(argv: string[], version: string): Promise<void> {
  guardOutput();
  const program = new Command();
  program
    .name('vibe-skills')
    .description('Validate Agent Skills (SKILL.md) repositories and install skills into coding agents, safely.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; every other parse failure is a usage error (exit 2).
      process.exitCode = e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : EXIT_USAGE;
      return;
    }
    reportError(e);
  }
}
