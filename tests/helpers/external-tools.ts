/**
 * Real external tools for compatibility tests (the `skills` CLI, Claude Code, Node 22, TypeScript 7),
 * installed from the npm registry at pinned versions into a cache folder OUTSIDE the
 * repository, once. They are never devDependencies: the package must not depend on them,
 * and a clean clone installs them on first use.
 *
 * Concurrency: vitest runs test files in parallel workers, and two of them may ask for the
 * same tool at once. Each install happens in a private temporary folder inside the cache and
 * is then renamed into place; rename is atomic on one file system, so a reader sees either no
 * folder or a complete one, and the loser of a race simply discards its copy.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Node 22 line the `skills` CLI needs (engines: >= 22.20). */
export const NODE22_VERSION = '22.23.3';
/** The public `skills` CLI (npm `skills`). */
export const SKILLS_CLI_VERSION = '1.7.4';
/** Claude Code (npm `@anthropic-ai/claude-code`); ships a native binary per platform. */
export const CLAUDE_CODE_VERSION = '2.1.330';
/** TypeScript 7, the native compiler (npm's `typescript` now), and the TypeScript 6 API published to sit beside it. */
export const TYPESCRIPT7_VERSION = '7.0.2';
export const TYPESCRIPT6_API_VERSION = '6.0.2';
/** gray-matter, the frontmatter loader many JavaScript tools use (js-yaml 3 inside). */
export const GRAY_MATTER_VERSION = '4.0.3';

/** Marker written inside an install folder just before it is renamed into place. */
const COMPLETE_MARKER = '.vibe-tool-complete';
/** Temporary install folders older than this are leftovers of a killed run. */
const STALE_TMP_MS = 60 * 60 * 1000;

export interface RunResult {
  /** Exit code; null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Full environment for the child. Defaults to a copy of process.env. */
  env?: NodeJS.ProcessEnv;
  /** Kill the child after this long (a safety net against hangs, not an assertion). */
  timeoutMs?: number;
  /** Text written to stdin; stdin is closed either way so nothing waits for a prompt. */
  input?: string;
}

/** Where tools live: `$VIBE_TOOLS_CACHE`, or `~/.cache/vibe-coding-plugin/tools`. */
export function toolsCacheDir(): string {
  const fromEnv = process.env.VIBE_TOOLS_CACHE;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return path.join(os.homedir(), '.cache', 'vibe-coding-plugin', 'tools');
}

/** Run a command, collecting its output. Never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errOut.push(chunk));
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    }
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(errOut).toString('utf8'),
      });
    });
    // A closed stdin makes any interactive prompt fail fast instead of hanging the test.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * The environment npm itself should see: `npm test` exports npm_config_* and npm_package_*
 * variables pointing at this repository, and some (local_prefix, prefix, global) would make
 * the nested `npm install` write into the repo instead of the cache.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_')) continue;
    if (
      [
        'npm_config_local_prefix',
        'npm_config_prefix',
        'npm_config_global',
        'npm_config_workspace',
        'npm_config_workspaces',
        'npm_config_include_workspace_root',
        'npm_config_engine_strict',
        'npm_config_dry_run',
        'npm_config_omit',
        'npm_config_ignore_scripts',
      ].includes(lower)
    ) {
      continue;
    }
    env[key] = value;
  }
  return env;
}

function cacheKey(pkg: string, version: string): string {
  // `@scope/name` -> `@scope+name`: one folder level, still readable.
  return `${pkg.replace(/\//g, '+')}@${version}`;
}

async function removeStaleTemps(tmpRoot: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(tmpRoot);
  } catch {
    return;
  }
  const now = Date.now();
  await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(tmpRoot, entry);
      try {
        const info = await stat(full);
        if (now - info.mtimeMs > STALE_TMP_MS) await rm(full, { recursive: true, force: true });
      } catch {
        // Another worker removed or renamed it first: nothing to do.
      }
    }),
  );
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Install `pkg@version` with `npm install --prefix <cache>/npm/<pkg>@<version>` (once) and
 * return that prefix; the package is at `<prefix>/node_modules/<pkg>`.
 * Install scripts do not run (`--ignore-scripts`): nothing the tools need depends on them,
 * and a test harness should not execute third-party lifecycle code.
 */
export function ensureNpmTool(pkg: string, version: string): Promise<string> {
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(pkg)) {
    return Promise.reject(new Error(`ensureNpmTool: not an npm package name: ${JSON.stringify(pkg)}`));
  }
  if (!/^\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(version)) {
    return Promise.reject(new Error(`ensureNpmTool: pin an exact version, got ${JSON.stringify(version)} for ${pkg}`));
  }
  const key = cacheKey(pkg, version);
  const pending = inFlight.get(key);
  if (pending) return pending;
  const promise = installOnce(pkg, version, key);
  inFlight.set(key, promise);
  // A failed install may be retried later in the same worker.
  promise.catch(() => inFlight.delete(key));
  return promise;
}

async function installOnce(pkg: string, version: string, key: string): Promise<string> {
  const npmRoot = path.join(toolsCacheDir(), 'npm');
  const target = path.join(npmRoot, key);
  if (existsSync(path.join(target, COMPLETE_MARKER))) return target;

  const tmpRoot = path.join(toolsCacheDir(), '.tmp');
  await mkdir(tmpRoot, { recursive: true });
  await mkdir(npmRoot, { recursive: true });
  await removeStaleTemps(tmpRoot);

  const tmp = path.join(tmpRoot, `${key}-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp, { recursive: true });
  try {
    // A package.json of its own keeps npm from walking up into whatever project encloses the cache.
    await writeFile(path.join(tmp, 'package.json'), `${JSON.stringify({ name: 'vibe-tool', private: true })}\n`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = await run(
      npm,
      [
        'install',
        '--prefix',
        tmp,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--engine-strict=false',
        '--loglevel=error',
        `${pkg}@${version}`,
      ],
      { cwd: tmp, env: npmEnv(), timeoutMs: 15 * 60 * 1000 },
    );
    if (result.code !== 0) {
      throw new Error(
        `npm install ${pkg}@${version} failed (exit ${String(result.code)}):\n${result.stderr.trim() || result.stdout.trim()}`,
      );
    }
    if (!existsSync(path.join(tmp, 'node_modules', ...pkg.split('/'), 'package.json'))) {
      throw new Error(`npm install ${pkg}@${version} finished but ${pkg} is not in ${tmp}/node_modules`);
    }
    await writeFile(path.join(tmp, COMPLETE_MARKER), `${pkg}@${version}\n`);
    try {
      await rename(tmp, target);
    } catch (error) {
      // Lost the race (or a broken leftover is in the way): keep the winner, drop ours.
      if (existsSync(path.join(target, COMPLETE_MARKER))) return target;
      if (existsSync(target)) {
        await rm(target, { recursive: true, force: true });
        await rename(tmp, target);
      } else {
        throw error;
      }
    }
    return target;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function satisfiesNode22(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 20);
}

let node22: Promise<string> | undefined;

/**
 * A Node binary ≥ 22.20: the running one if it is new enough, else the npm package
 * `node-<platform>-<arch>` (which ships the official binary as `bin/node`, no install script).
 */
export function ensureNode22(): Promise<string> {
  node22 ??= resolveNode22();
  node22.catch(() => {
    node22 = undefined;
  });
  return node22;
}

async function resolveNode22(): Promise<string> {
  if (satisfiesNode22(process.versions.node)) return process.execPath;
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(`ensureNode22: no npm-packaged Node for ${process.platform}; run the tests on Node >= 22.20 instead`);
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = await ensureNpmTool(pkg, NODE22_VERSION);
  const bin = path.join(prefix, 'node_modules', pkg, 'bin', 'node');
  const check = await run(bin, ['--version'], { timeoutMs: 60_000 });
  if (check.code !== 0 || check.stdout.trim() !== `v${NODE22_VERSION}`) {
    throw new Error(`ensureNode22: ${bin} --version printed ${JSON.stringify(check.stdout.trim())} (exit ${String(check.code)})`);
  }
  return bin;
}

/** Run a JavaScript file with Node ≥ 22.20. */
export async function runWithNode22(script: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const node = await ensureNode22();
  return run(node, [script, ...args], opts);
}

/** Absolute path of the `skills` CLI entry (`bin/cli.mjs`); run it with runWithNode22. */
export async function ensureSkillsCli(): Promise<string> {
  const prefix = await ensureNpmTool('skills', SKILLS_CLI_VERSION);
  const entry = path.join(prefix, 'node_modules', 'skills', 'bin', 'cli.mjs');
  if (!existsSync(entry)) throw new Error(`ensureSkillsCli: ${entry} is missing`);
  return entry;
}

/**
 * Absolute path of Claude Code's native executable. The wrapper package's postinstall only
 * copies the binary out of the platform package (`@anthropic-ai/claude-code-<platform>-<arch>`,
 * an optional dependency); we install without scripts and take the binary from there.
 */
export async function ensureClaudeCode(): Promise<string> {
  const prefix = await ensureNpmTool('@anthropic-ai/claude-code', CLAUDE_CODE_VERSION);
  const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
  // npm picks the glibc or the musl build by the `libc` field; either may be the one present.
  const candidates = ['', '-musl'].map((libc) =>
    path.join(prefix, 'node_modules', '@anthropic-ai', `claude-code-${process.platform}-${process.arch}${libc}`, exe),
  );
  const bin = candidates.find((c) => existsSync(c));
  if (!bin) {
    throw new Error(`ensureClaudeCode: no native Claude Code binary for ${process.platform}-${process.arch} (looked for ${candidates.join(', ')})`);
  }
  return bin;
}

/**
 * An environment for running an external tool hermetically: a scratch HOME (and XDG dirs
 * inside it) so no user configuration, credentials or caches leak in or get written, no
 * colour, and the tools' telemetry off.
 */
export function scratchEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: '1',
    DO_NOT_TRACK: '1',
    DISABLE_TELEMETRY: '1',
  };
  return { ...env, ...extra };
}
