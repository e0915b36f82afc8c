/**
 * A problem with what the caller asked for (an unknown skill or agent, no agent found, a lock
 * held too long). The CLI prints it as one message plus a hint and exits 2; the name is what
 * src/cli/main.ts recognises.
 */
export class InstallError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'InstallError';
  }
}
