import type { Command } from 'commander';
import type { RegisterCommand } from '../io.js';

export const register: RegisterCommand = (program: Command) => {
  program
    .command('remove')
    .description('Remove installed skills: exactly the folders that were installed, and their lock entries')
    .argument('<skill...>', 'skill names')
    .option('-a, --agent <id...>', 'only these agents\' folders (default: every agent folder)')
    .option('-g, --global', "remove from the agents' folders in your home directory")
    .option('--dry-run', 'print what would be removed and change nothing')
    .option('--force', 'also remove folders (or links) changed since install or not installed by us; they are kept as backups')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
A folder whose files differ from what was installed is left alone unless --force.
The skill's entry in skills-lock.json goes once no agent folder holds the skill.

Exit codes: 0 removed, 1 something was not removed (changed, refused, failed or not installed),
or a lock file that cannot be read or written, 2 usage error, or one the environment causes (a
.vibe-lock, beside the lock file or beside a skills folder, busy or unusable).

Examples:
  vibe-skills remove background-jobs
  vibe-skills remove background-jobs --agent claude-code
  vibe-skills remove background-jobs --global --agent claude-code`,
    )
    .action(async (skills: string[], opts: Record<string, unknown>) => {
      const { remove } = await import('../../install/remove.js');
      const { formatRemove, toJson } = await import('../../install/format.js');
      const { out, useColor, waitNotice, EXIT_LINT, EXIT_OK } = await import('../io.js');
      const os = await import('node:os');
      const options: Parameters<typeof remove>[0] = { skills, onWait: waitNotice };
      if (Array.isArray(opts.agent)) options.agents = opts.agent as string[];
      if (opts.global === true) options.global = true;
      if (opts.dryRun === true) options.dryRun = true;
      if (opts.force === true) options.force = true;
      const result = await remove(options);
      out(opts.json === true ? toJson(result) : formatRemove(result, { cwd: process.cwd(), home: os.homedir(), color: useColor() }));
      process.exitCode = result.ok ? EXIT_OK : EXIT_LINT;
    });
};
