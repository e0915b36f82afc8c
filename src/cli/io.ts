/**
 * The CLI's only door to the terminal. Writes never cut output to a pipe: we never call
 * process.exit (which drops buffered pipe writes); commands set process.exitCode instead.
 */
import { Command } from 'commander';

export const EXIT_OK = 0;
export const EXIT_LINT = 1;
export const EXIT_USAGE = 2;

/**
 * A closed or full standard output (`vibe-skills validate | head -1`, `> /dev/full`) is not a
 * crash: when the reader is gone (EPIPE) nothing more can be delivered, so the run ends with the
 * exit code it has; any other write error is reported once, exit 2. (The only process.exit: what
 * it could drop could not be written anyway.)
 */
export function guardOutput(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      process.stderr.write(`vibe-skills: standard output could not be written (${e.code ?? 'error'})\n`);
      process.exitCode = EXIT_USAGE;
    }
    process.exit();
  });
}

export function out(text: string): void {
  if (text.length === 0) return;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function err(text: string): void {
  if (text.length === 0) return;
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Colour only on a TTY, never under NO_COLOR (https://no-color.org), forced by FORCE_COLOR. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** A user error: printed as `vibe-skills: <message>` plus an optional hint, exit code 2, no stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Signature every command module exports. */
export type RegisterCommand = (program: Command) => void;

/**
 * install/remove: say on standard error that the run waits for a lock another vibe-skills run
 * holds (up to 2 minutes), so that the wait never looks like a hang.
 */
export function waitNotice({ file, owner }: { file: string; owner: string }): void {
  err(`vibe-skills: waiting for another vibe-skills run (${owner}) to release ${file}`);
}
