/** The work behind `vibe-skills validate`, loaded only when the command runs. */
import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseRuleOverrides } from '../../lint/config.js';
import { loadFormatter } from '../../lint/formatters/load.js';
import { ruleIds, validate, type ValidateOptions, type ValidateResult } from '../../validate.js';
import { err, EXIT_LINT, EXIT_OK, EXIT_USAGE, out, UsageError, useColor } from '../io.js';
import { plural } from '../../strings.js';
import { toolVersion } from '../../version.js';

interface Flags {
  format?: string;
  output?: string;
  strict?: boolean;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  external?: string[];
  config?: string | boolean;
  typecheck?: boolean;
  project?: string;
  stubs?: string;
  cache?: boolean;
  cacheLocation?: string;
  threads?: number;
}

export async function runValidate(paths: string[], raw: Record<string, unknown>): Promise<void> {
  const flags = raw as Flags;
  const cwd = process.cwd();
  const formatter = await loadFormatter(flags.format ?? 'stylish');
  if (!formatter) throw new UsageError(`unknown format "${flags.format}"`, 'use stylish, json, sarif or github');
  if ((flags.project || flags.stubs) && !flags.typecheck) throw new UsageError('--project and --stubs go with --typecheck');
  // The command line names both folders, or .vibe-skills.json does: a --stubs alone would be ignored.
  if (flags.stubs && !flags.project) throw new UsageError('--stubs goes with --project', 'pass --project <folder> too, or set "typecheck": { "project": ..., "stubs": ... } in .vibe-skills.json');
  const options: ValidateOptions = {
    paths,
    cwd,
    rules: parseRuleOverrides(flags.rule ?? [], ruleIds),
    externalSkills: flags.external ?? [],
  };
  if (flags.config === false) options.config = false;
  else if (typeof flags.config === 'string') options.config = flags.config;
  if (flags.typecheck) options.typecheck = flags.project ? { project: flags.project, ...(flags.stubs ? { stubs: flags.stubs } : {}) } : true;
  if (flags.cache) options.cache = path.resolve(cwd, flags.cacheLocation ?? '.vibe-skills-cache');
  if (flags.threads !== undefined) options.threads = flags.threads;

  const result = await validate(options);
  const shown = flags.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  const report = formatter({
    diagnostics: shown,
    skillCount: result.skills.length,
    rules: result.rules,
    cwd,
    color: !flags.output && useColor(),
    toolName: 'vibe-skills',
    toolVersion: toolVersion(),
    ...(shown.length < result.diagnostics.length ? { hiddenWarnings: result.diagnostics.length - shown.length } : {}),
    // "typecheck: N blocks compiled" only when it ran; when it could not, its diagnostic says why.
    ...(result.typecheck && result.typecheck.unavailable === undefined ? { typecheck: { blocks: result.typecheck.blocks, optedOut: result.typecheck.optedOut } } : {}),
  });
  if (flags.typecheck && result.typecheck === undefined) err('vibe-skills: --typecheck did nothing: the typecheck rule is off (turn it on with --rule typecheck=error, or leave --typecheck out)');
  if (result.cache?.error) err(`vibe-skills: the cache was not written: ${result.cache.error}`);
  for (const e of result.parallel?.errors ?? []) err(`vibe-skills: a worker thread failed (${e}); its skills were linted on the main thread`);
  if (flags.output) {
    await writeReport(flags.output, report.endsWith('\n') ? report : `${report}\n`, cwd, result);
  } else {
    out(report);
  }
  const warnings = result.warningCount;
  const tooManyWarnings = flags.maxWarnings !== undefined && warnings > flags.maxWarnings;
  const failOnWarnings = (flags.strict === true && warnings > 0) || tooManyWarnings;
  if (result.errorCount === 0 && failOnWarnings) {
    // The report may not show why the run fails (--quiet hides warnings): say it.
    const why = tooManyWarnings ? `more than --max-warnings ${flags.maxWarnings}` : 'failing the run under --strict';
    const hidden = flags.quiet ? ' (not shown: --quiet hides warnings; run without it to see them)' : '';
    err(`vibe-skills: ${plural(warnings, 'warning')}, ${why}${hidden}`);
  }
  if (result.typecheck?.unavailable !== undefined) {
    // Nothing was type-checked: a set-up problem, not a finding in the skills (exit 2, like a usage error).
    err(`vibe-skills: the type check could not run: ${result.typecheck.unavailable}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  process.exitCode = result.errorCount > 0 || failOnWarnings ? EXIT_LINT : EXIT_OK;
}

/**
 * Write the report to `-o`. Never through a symbolic link: the GitHub Action writes
 * vibe-skills.sarif into the checked-out repository, where a pull request could have committed a
 * link of that name to a file outside it (O_NOFOLLOW refuses the link even if it appears after
 * the check). Never over a SKILL.md this run linted: a typo in -o would destroy the input.
 */
async function writeReport(output: string, report: string, cwd: string, result: ValidateResult): Promise<void> {
  const target = path.resolve(cwd, output);
  const existing = await lstat(target).catch(() => undefined);
  const linkError = () =>
    new UsageError(`the report was not written: ${output} is a symbolic link, and a report is never written through one`, 'remove the link, or pass another path to -o');
  if (existing?.isSymbolicLink()) throw linkError();
  const real = existing?.isFile() ? await realpath(target) : undefined;
  if (real !== undefined && path.basename(real) === 'SKILL.md') {
    for (const skill of result.skills) {
      if ((await realpath(path.resolve(cwd, skill.file)).catch(() => undefined)) === real) {
        throw new UsageError(`the report was not written: ${output} is a SKILL.md this run lints`, 'pass another path to -o, such as vibe-skills.sarif');
      }
    }
  }
  try {
    const file = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o666);
    try {
      await file.writeFile(report);
    } finally {
      await file.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ELOOP') throw linkError();
    throw new UsageError(
      `the report could not be written to ${output} (${code})`,
      code === 'ENOENT' ? 'create its folder first, or pass another path to -o' : 'pass a writable file path to -o',
    );
  }
}
