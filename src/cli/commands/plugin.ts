/** `vibe-skills plugin sync`: regenerate .claude-plugin/ from plugin.json. */
import { Command } from 'commander';
import type { RegisterCommand } from '../io.js';

export const register: RegisterCommand = (program: Command) => {
  const plugin = program.command('plugin').description('Work with the plugin manifests (plugin.json and .claude-plugin/)');

  plugin
    .command('sync')
    .description('Write .claude-plugin/plugin.json and .claude-plugin/marketplace.json from plugin.json')
    .argument('[dir]', 'repository folder that holds plugin.json', '.')
    .option('--check', 'write nothing; exit 1 when a derived file is missing or its data differ from what sync would write')
    .addHelpText(
      'after',
      `
The component fields of plugin.json (commands, agents, outputStyles, hooks, mcpServers,
lspServers) are copied as written into .claude-plugin/plugin.json: their "./" paths are
relative to the plugin root in both files. Sync owns the fields it derives, not the files: any
other field in the two files is kept, including a component written by hand in
.claude-plugin/plugin.json that plugin.json does not have.

A file is up to date when it holds, as data, what sync would write: its formatting (CRLF line
endings, indentation, key order) is not compared, and such a file is left as it is. Only a file
whose data change (or that has a duplicate key) is written (2-space JSON, LF line endings), so a
run that changes nothing writes nothing. A file over the 1 MiB manifest limit is never written.

Exit codes: 0 written or up to date, 1 out of date (--check), an invalid plugin.json or a derived
file sync cannot read (nothing written), 2 usage or I/O error.

Examples:
  vibe-skills plugin sync
  vibe-skills plugin sync --check path/to/repo`,
    )
    .action(async (dir: string, opts: { check?: boolean }) => {
      const { syncPlugin, PluginSyncError } = await import('../../plugin/write.js');
      const { out, err, EXIT_LINT, UsageError } = await import('../io.js');
      let result;
      try {
        result = await syncPlugin({ root: dir, check: opts.check === true });
      } catch (error) {
        if (error instanceof PluginSyncError) throw new UsageError(error.message, error.hint);
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && error instanceof Error) throw new UsageError(error.message, 'check the folder and its permissions');
        throw error;
      }
      if (result.problems.length > 0) {
        const lines = result.problems.map((p) => {
          const where = p.pos ? `${p.file}:${p.pos.line}:${p.pos.column}` : p.file;
          return `${where}  error  ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`;
        });
        err(`${lines.join('\n')}\nvibe-skills: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was written`);
        process.exitCode = EXIT_LINT;
        return;
      }
      const verb = { written: 'wrote', unchanged: 'up to date', outdated: 'out of date' } as const;
      out(result.files.map((f) => `${verb[f.status].padEnd(11)} ${f.file}`).join('\n'));
      if (!result.ok) {
        err('vibe-skills: the derived manifests are out of date\n  hint: run `vibe-skills plugin sync` and commit the result');
        process.exitCode = EXIT_LINT;
      }
    });
};
