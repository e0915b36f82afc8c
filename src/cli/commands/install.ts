import type { Command } from 'commander';
import type { RegisterCommand } from '../io.js';
import { AGENTS } from '../../install/agents.js';

export const register: RegisterCommand = (program: Command) => {
  program
    .command('install')
    .description("Install skills into coding agents' skill folders: validated, staged and renamed into place, local edits kept")
    .argument('<skill...>', 'skill names (the frontmatter `name`)')
    .option('--from <path>', "a local skill repository, skills folder or skill folder (default: this package's skills)")
    .option('-a, --agent <id...>', 'agent ids, e.g. claude-code codex cursor (default: the agents whose folders exist here)')
    .option('-g, --global', "install into the agents' folders in your home directory instead of the project")
    .option('--with-deps', 'also install the skills these compose with')
    .option('--symlink', 'keep one shared copy in .agents/skills and link the other agent folders to it')
    .option('--dry-run', 'print the plan (every file and folder) and change nothing')
    .option('--force', 'replace folders (or links) changed since install or not installed by us; the old one is kept as a backup')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Skills are validated first; errors stop the install. Each skill is written beside its target
and renamed into place, so an interrupted install leaves the old or the new skill, never a mix.
A skill whose files changed since it was installed is not replaced without --force.
Installs are recorded in skills-lock.json (the format of the \`skills\` CLI); --global uses
$XDG_STATE_HOME/skills/.skill-lock.json, else ~/.agents/.skill-lock.json, as that CLI does.

Agents (--agent): ${AGENTS.map((a) => a.id).join(', ')}.

Exit codes: 0 installed or already up to date, 1 invalid skill, conflict, refused or failed folder,
or a lock file that cannot be read or written, 2 usage error, or one the environment causes (no
agent found, a .vibe-lock, beside the lock file or beside a skills folder, busy or unusable).

Examples:
  vibe-skills install background-jobs                      into the agents detected here
  vibe-skills install background-jobs --with-deps --agent claude-code
  vibe-skills install my-skill --from ../my-skills --agent codex cursor
  vibe-skills install background-jobs --global --agent claude-code
  vibe-skills install background-jobs --dry-run`,
    )
    .action(async (skills: string[], opts: Record<string, unknown>) => {
      const { install } = await import('../../install/install.js');
      const { formatInstall, toJson } = await import('../../install/format.js');
      const { out, useColor, waitNotice, EXIT_LINT, EXIT_OK } = await import('../io.js');
      const os = await import('node:os');
      const options: Parameters<typeof install>[0] = { skills, onWait: waitNotice };
      if (typeof opts.from === 'string') options.from = opts.from;
      if (Array.isArray(opts.agent)) options.agents = opts.agent as string[];
      if (opts.global === true) options.global = true;
      if (opts.withDeps === true) options.withDeps = true;
      if (opts.symlink === true) options.symlink = true;
      if (opts.dryRun === true) options.dryRun = true;
      if (opts.force === true) options.force = true;
      const result = await install(options);
      out(opts.json === true ? toJson(result) : formatInstall(result, { cwd: process.cwd(), home: os.homedir(), color: useColor() }));
      process.exitCode = result.ok ? EXIT_OK : EXIT_LINT;
    });
};
