/**
 * action.yml and .pre-commit-hooks.yaml: the one-line CI integrations other repositories use.
 * The action's shell step is run for real with bash, with `npm` replaced by a stub that
 * "installs" a vibe-skills bin into the prefix it is given: one that records its arguments, or
 * one that runs the CLI built from this repository.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from '../helpers/cli.js';
import { makeTree, removeTree } from '../helpers/tmp.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; name?: string; uses?: string; run?: string; shell?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }[] };
};
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; scripts: Record<string, string> };

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeTree(dirs.pop() as string);
});

const validateStep = () => {
  const step = action.runs.steps.find((s) => s.id === 'validate');
  if (!step?.run) throw new Error('action.yml has no validate step');
  return step;
};

interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The arguments of each run of the installed vibe-skills bin. */
  calls: string[][];
  /** The working folder and arguments of each npm run. */
  npm: string[][];
}

/** Records the working folder and argv; with NPM_EXIT set, fails; else puts $TOOL_STUB at <prefix>/node_modules/.bin/vibe-skills. */
const NPM_STUB = `#!/usr/bin/env bash
{ printf '%s\\0' "$PWD" "$@"; printf '\\n--call--\\n'; } >> "$NPM_CALLS"
if [ -n "\${NPM_EXIT:-}" ]; then echo "npm error 404 Not Found" >&2; exit "$NPM_EXIT"; fi
prev=""; for a in "$@"; do if [ "$prev" = "--prefix" ]; then prefix="$a"; fi; prev="$a"; done
mkdir -p "$prefix/node_modules/.bin" && cp "$TOOL_STUB" "$prefix/node_modules/.bin/vibe-skills" && chmod +x "$prefix/node_modules/.bin/vibe-skills"
`;

async function readCalls(file: string): Promise<string[][]> {
  return (await readFile(file, 'utf8').catch(() => ''))
    .split('\n--call--\n')
    .filter(Boolean)
    .map((c) => c.split('\0').filter((_, i, a) => i < a.length - 1));
}

/**
 * Run the validate step's script the way a runner does (`bash -e {0}`), with the inputs as
 * the step's env would carry them, `npm` from NPM_STUB and `tool` as the vibe-skills bin it installs.
 */
async function runStep(inputs: Record<string, string>, tool: string, cwd?: string, env: Record<string, string> = {}): Promise<StepRun> {
  const tmp = await makeTree({});
  dirs.push(tmp);
  const binDir = path.join(tmp, 'bin');
  await mkdir(binDir);
  await writeFile(path.join(binDir, 'npm'), NPM_STUB);
  await chmod(path.join(binDir, 'npm'), 0o755);
  await writeFile(path.join(tmp, 'tool-stub'), tool);
  const runnerTemp = path.join(tmp, 'runner-temp');
  await mkdir(runnerTemp);
  const script = path.join(tmp, 'step.sh');
  await writeFile(script, validateStep().run as string);
  const outputFile = path.join(tmp, 'github_output');
  await writeFile(outputFile, '');
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
  const values = { ...defaults, ...inputs };
  // Evaluate the step's env the way the runner would: only `${{ inputs.x }}` appears there.
  const stepEnv = Object.fromEntries(
    Object.entries(validateStep().env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => values[name] ?? '')]),
  );
  const r = spawnSync('bash', ['-e', script], {
    cwd: cwd ?? tmp,
    encoding: 'utf8',
    env: {
      PATH: `${binDir}:${process.env.PATH ?? ''}`,
      HOME: tmp,
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: outputFile,
      CALLS: path.join(tmp, 'calls'),
      NPM_CALLS: path.join(tmp, 'npm-calls'),
      TOOL_STUB: path.join(tmp, 'tool-stub'),
      ...stepEnv,
      ...env,
    },
  });
  const outputs = Object.fromEntries(
    (await readFile(outputFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, calls: await readCalls(path.join(tmp, 'calls')), npm: await readCalls(path.join(tmp, 'npm-calls')) };
}

/** Records argv (NUL-separated), writes `{}` to an --output file unless STUB_WRITES=0, exits with $STUB_EXIT. */
const RECORDING_TOOL = `#!/usr/bin/env bash
for a in "$@"; do printf '%s\\0' "$a" >> "$CALLS"; done
printf '\\n--call--\\n' >> "$CALLS"
prev=""; for a in "$@"; do if [ "$prev" = "--output" ] && [ "\${STUB_WRITES:-1}" = 1 ]; then echo '{}' > "$a"; fi; prev="$a"; done
exit "\${STUB_EXIT:-0}"
`;

/** The CLI built from this repository, standing in for the installed package. */
const BUILT_CLI = `#!/usr/bin/env bash\nexec "${process.execPath}" "${BIN}" "$@"\n`;

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'format', 'strict', 'sarif-upload']));
    expect(action.inputs.path?.default).toBe('.');
    expect(action.inputs.strict?.default).toBe('false');
    expect(action.inputs['sarif-upload']?.default).toBe('false');
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description.length, name).toBeGreaterThan(10);
  });

  it('runs the version of vibe-coding-plugin this repository is at', () => {
    expect(action.inputs.version?.default).toBe(pkg.version);
    expect(pkg.bin['vibe-skills']).toBeDefined();
    expect(validateStep().run).toContain('"vibe-coding-plugin@${VIBE_VERSION}"');
  });

  it('never splices inputs into shell text (script injection)', () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
  });

  it('uploads SARIF with codeql-action only when asked', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain("inputs.sarif-upload == 'true'");
    expect(upload?.with?.sarif_file).toBe('${{ steps.validate.outputs.sarif-file }}');
  });

  it('passes defaults as: validate --format github -- .', async () => {
    const r = await runStep({}, RECORDING_TOOL);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([['validate', '--format', 'github', '--', '.']]);
    expect(r.outputs).toEqual({ 'exit-code': '0' });
  });

  it('passes --strict, several paths (spaces or new lines) and writes SARIF when asked', async () => {
    const r = await runStep({ strict: 'true', path: 'skills/a\nskills/b  other', 'sarif-upload': 'true', format: 'stylish' }, RECORDING_TOOL);
    expect(r.code).toBe(0);
    const tail = ['--', 'skills/a', 'skills/b', 'other'];
    expect(r.calls).toEqual([
      ['validate', '--strict', '--format', 'stylish', ...tail],
      ['validate', '--strict', '--format', 'sarif', '--output', 'vibe-skills.sarif', ...tail],
    ]);
    expect(r.outputs).toEqual({ 'sarif-file': 'vibe-skills.sarif', 'exit-code': '0' });
  });

  it('records a failing exit code for the last step instead of stopping before the upload', async () => {
    const r = await runStep({ 'sarif-upload': 'true' }, RECORDING_TOOL.replace('${STUB_EXIT:-0}', '1'));
    expect(r.code).toBe(0);
    expect(r.calls).toHaveLength(2);
    expect(r.outputs['exit-code']).toBe('1');
    const fail = action.runs.steps.at(-1);
    expect(fail?.if).toBe("${{ steps.validate.outputs.exit-code != '0' }}");
  });

  it('uploads nothing when the SARIF run ends in an error (exit 2), and fails with it', async () => {
    const r = await runStep({ 'sarif-upload': 'true' }, RECORDING_TOOL.replace('${STUB_EXIT:-0}', '2'));
    expect(r.code).toBe(0);
    expect(r.calls).toHaveLength(2);
    expect(r.outputs).toEqual({ 'exit-code': '2' });
  });

  it('with no SKILL.md under the path: no report to upload, exit code 2, the reason in the log', async () => {
    const repo = await makeTree({ 'README.md': 'no skills here\n' });
    dirs.push(repo);
    const r = await runStep({ 'sarif-upload': 'true', format: 'github' }, BUILT_CLI, repo);
    expect(r.outputs).toEqual({ 'exit-code': '2' });
    expect(r.stderr).toContain('no SKILL.md found in .');
  });

  it('installs the pinned package from outside the workspace, never running what the workspace carries', async () => {
    // A pull request can commit a bin that npx in the workspace would run, and an .npmrc naming another registry.
    const repo = await makeTree({
      'skills/a/SKILL.md': '---\nname: a\ndescription: Formats dates. Use when the user asks to format a date.\n---\n\n# A\n',
      'node_modules/.bin/vibe-skills': '#!/usr/bin/env bash\ntouch "$PWD/REPO-CODE-RAN"\n',
      'node_modules/vibe-coding-plugin/package.json': '{"name":"vibe-coding-plugin","version":"0.1.0","bin":{"vibe-skills":"x.js"}}',
      '.npmrc': 'registry=http://127.0.0.1:9/\n',
    });
    dirs.push(repo);
    await chmod(path.join(repo, 'node_modules/.bin/vibe-skills'), 0o755);
    const r = await runStep({}, RECORDING_TOOL, repo);
    expect(r.code).toBe(0);
    expect(r.npm).toHaveLength(1);
    const [npmCwd, ...npmArgs] = r.npm[0]!;
    expect(path.relative(repo, npmCwd!)).toMatch(/^\.\./); // not in the workspace, so its .npmrc is not read
    expect(npmArgs).toEqual(expect.arrayContaining(['install', '--ignore-scripts', `vibe-coding-plugin@${pkg.version}`]));
    expect(npmArgs[npmArgs.indexOf('--prefix') + 1]).toBe(path.join(npmCwd!, `vibe-skills-${pkg.version}`));
    expect(r.calls).toEqual([['validate', '--format', 'github', '--', '.']]);
    expect(existsSync(path.join(repo, 'REPO-CODE-RAN'))).toBe(false);
  });

  it('fails with exit code 2 and says so when the package cannot be installed', async () => {
    const r = await runStep({ 'sarif-upload': 'true' }, RECORDING_TOOL, undefined, { NPM_EXIT: '1' });
    expect(r.code).toBe(2);
    expect(r.outputs).toEqual({ 'exit-code': '2' });
    expect(r.stdout).toContain(`::error title=vibe-skills::could not install vibe-coding-plugin@${pkg.version} from npm`);
    expect(r.calls).toEqual([]);
  });

  it('never names a SARIF file this run did not write: an old or committed one is removed first', async () => {
    const repo = await makeTree({ 'vibe-skills.sarif': '{"runs": []}' });
    dirs.push(repo);
    const r = await runStep({ 'sarif-upload': 'true' }, RECORDING_TOOL, repo, { STUB_WRITES: '0' });
    expect(r.outputs).toEqual({ 'exit-code': '2' });
    expect(r.stdout).toContain('::error title=vibe-skills::no SARIF report was written to vibe-skills.sarif');
    expect(existsSync(path.join(repo, 'vibe-skills.sarif'))).toBe(false);
  });

  it('rejects an unknown format before running anything', async () => {
    const r = await runStep({ format: 'xml; rm -rf /' }, RECORDING_TOOL);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("::error title=vibe-skills::format must be github, stylish, json or sarif, not 'xml; rm -rf /'");
    expect(r.calls).toEqual([]);
  });

  it('works end to end with the built CLI standing in for the published package', async () => {
    const repo = await makeTree({
      'skills/good-skill/SKILL.md': '---\nname: good-skill\ndescription: Formats dates. Use when the user asks to format a date.\n---\n\n# Good skill\n\nFormat dates.\n',
    });
    dirs.push(repo);
    const r = await runStep({ 'sarif-upload': 'true', format: 'github' }, BUILT_CLI, repo);
    expect(r.stderr).toBe('');
    expect(r.outputs['exit-code']).toBe('0');
    const sarif = JSON.parse(await readFile(path.join(repo, 'vibe-skills.sarif'), 'utf8')) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    pass_filenames: boolean;
  }[];

  it('declares vibe-skills-validate as a node hook on the whole repository', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'vibe-skills-validate', language: 'node', entry: 'vibe-skills validate', pass_filenames: false });
    expect(pkg.bin[hooks[0]?.entry.split(' ')[0] ?? '']).toBeDefined();
  });

  it('triggers on skills and manifests only', () => {
    const files = new RegExp(hooks[0]?.files ?? '$^');
    for (const f of ['SKILL.md', 'skills/a/SKILL.md', '.claude/skills/x/skill.md', 'plugin.json', '.claude-plugin/marketplace.json', '.claude-plugin/plugin.json', 'skills/a/references/retries.md', '.vibe-skills.json']) {
      expect(files.test(f), f).toBe(true);
    }
    for (const f of ['README.md', 'src/index.ts', 'package.json', 'docs/SKILL.md.bak', 'notplugin.json']) expect(files.test(f), f).toBe(false);
  });

  it('can be installed by pre-commit: npm pack must build dist/ (the bin) from source', () => {
    // pre-commit's node language runs `npm install` in the hook repository, then `npm pack`,
    // then installs the tarball globally; dist/ is not committed, so packing must build it.
    const build = pkg.scripts.prepack ?? pkg.scripts.prepare ?? '';
    expect(build).toMatch(/npm run build|tsc/);
    expect(pkg.bin['vibe-skills']).toMatch(/^(\.\/)?dist\//);
  });
});
