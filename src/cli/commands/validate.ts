import { Command, InvalidArgumentError, Option } from 'commander';
import type { RegisterCommand } from '../io.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A whole number written in digits, at least `min` (Number() alone would take '', ' ' and 0x10). */
const wholeNumber = (min: number) => (v: string) => {
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`it takes a whole number (${min} or more).`);
  return n;
};

export const register: RegisterCommand = (program: Command) => {
  program
    .command('validate')
    .description('Lint Agent Skills: frontmatter, allowed-tools, cross-skill references, links, manifests, code blocks')
    .argument('[paths...]', 'skill folders, SKILL.md files or repository roots', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--strict', 'exit 1 on warnings too')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber(0))
    .option('-q, --quiet', 'report errors only (warnings still count for --strict and --max-warnings)')
    .option('--rule <id=severity>', 'override a rule: error, warning or off (repeatable)', collect, [])
    .option('--external <name>', 'a skill name that lives elsewhere and may be referenced (repeatable)', collect, [])
    .option('-c, --config <file>', 'configuration file (default: .vibe-skills.json in the first path or the working directory)')
    .option('--no-config', 'ignore .vibe-skills.json')
    .option('--typecheck', 'compile TypeScript code blocks against real packages')
    .option('--project <dir>', 'with --typecheck: folder with tsconfig.json whose node_modules provide the packages')
    .option('--stubs <dir>', 'with --typecheck: folder overlaid as app files (stubs for @/lib/...)')
    .option('--cache', 'only re-lint skills whose files changed since the last run')
    .option('--cache-location <file>', 'cache file', '.vibe-skills-cache')
    .option('--threads <n>', 'lint large trees (500+ skills) on up to n threads (default 1)', wholeNumber(1))
    .addHelpText(
      'after',
      `
Exit codes: 0 no errors, 1 lint errors (or warnings with --strict / over --max-warnings), 2 usage or I/O error,
or a --typecheck that could not run (no project folder, tsconfig.json, stubs folder or usable TypeScript,
or a tsconfig.json, or a config it extends, that cannot be read).
Colour follows the terminal; NO_COLOR=1 turns it off.

Examples:
  vibe-skills validate                      lint the skills in this repository
  vibe-skills validate skills/my-skill      lint one skill
  vibe-skills validate --format sarif -o results.sarif
  vibe-skills validate --rule description-trigger=off --strict
  vibe-skills validate --typecheck --project tests/typecheck-project`,
    )
    .action(async (paths: string[], opts: Record<string, unknown>) => {
      const { runValidate } = await import('./validate-run.js');
      await runValidate(paths, opts);
    });
};
