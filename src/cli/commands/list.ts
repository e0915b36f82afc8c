import type { Command } from 'commander';
import type { RegisterCommand } from '../io.js';

export const register: RegisterCommand = (program: Command) => {
  program
    .command('list')
    .description('List installed skills per agent folder and scope, with their status')
    .option('-a, --agent <id...>', "only these agents' folders")
    .option('-g, --global', 'only the global (home) folders')
    .option('-p, --project', 'only the project folders')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Status: up to date; modified locally (files differ from the lock file's hash); outdated (the
local source it was installed from has changed); broken (no or unreadable SKILL.md, dangling
link); not in lock file (installed by something else). A skills folder that leads outside the
project is shown as not read.

Exit codes: 0 listed, 1 a lock file could not be read (statuses are then unknown), 2 usage error.

Examples:
  vibe-skills list
  vibe-skills list --project --json
  vibe-skills list --global --agent claude-code`,
    )
    .action(async (opts: Record<string, unknown>) => {
      const { list } = await import('../../install/list.js');
      const { formatList, toJson } = await import('../../install/format.js');
      const { out, useColor, UsageError, EXIT_LINT, EXIT_OK } = await import('../io.js');
      const os = await import('node:os');
      if (opts.global === true && opts.project === true) throw new UsageError('--global and --project exclude each other', 'leave both out to list both scopes');
      const options: Parameters<typeof list>[0] = { scope: opts.global === true ? 'global' : opts.project === true ? 'project' : 'all' };
      if (Array.isArray(opts.agent)) options.agents = opts.agent as string[];
      const result = await list(options);
      out(opts.json === true ? toJson(result) : formatList(result, { cwd: process.cwd(), home: os.homedir(), color: useColor() }));
      process.exitCode = result.scopes.some((s) => s.lockError !== undefined) ? EXIT_LINT : EXIT_OK;
    });
};
