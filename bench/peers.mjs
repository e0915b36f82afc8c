/**
 * The peer tools the benchmark compares against, installed from the npm registry at pinned
 * versions into a cache folder outside the repository (never into the project).
 *
 * Every package is installed with --ignore-scripts (no install-time code runs). Claude Code
 * ships its CLI as a native binary in a per-platform package; its postinstall only copies that
 * binary over a stub, so we run the platform binary directly and need no Node 22 for it.
 *
 * An install goes to a temp folder next to its final place and is renamed into place when
 * complete, so an interrupted install is never mistaken for a good one.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const PEERS = {
  skillCheck: { pkg: 'skill-check', version: '1.2.0' },
  skillsRef: { pkg: 'skills-ref', version: '0.1.5' },
  claudeCode: { pkg: '@anthropic-ai/claude-code', version: '2.1.330' },
};

const MARKER = '.bench-install-complete';

/** `$VIBE_BENCH_CACHE`, or `~/.cache/vibe-coding-plugin/bench`. */
export function benchCacheDir() {
  const fromEnv = process.env.VIBE_BENCH_CACHE;
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(os.homedir(), '.cache', 'vibe-coding-plugin', 'bench');
}

/**
 * The environment for a nested `npm install`: `npm run bench` exports npm_config_* variables
 * that point at this repository (prefix, local_prefix, global...); left in place they would
 * make npm install into the repo instead of the cache.
 */
function npmEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

function npmInstall(dir, specs) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', '--loglevel=error', '--prefix', dir, ...specs],
      { cwd: dir, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errText = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (c) => (errText += c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install ${specs.join(' ')} failed (exit ${code}):\n${errText.slice(-2000)}`)),
    );
  });
}

/** Install `pkg@version` (plus `extra` specs) once; returns the folder holding node_modules. */
async function ensurePackage(cacheDir, pkg, version, extra = []) {
  const dir = path.join(cacheDir, 'peers', `${pkg.replace(/\//g, '+')}@${version}`);
  if (existsSync(path.join(dir, MARKER))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await writeFile(path.join(tmp, 'package.json'), '{ "private": true }\n');
  await npmInstall(tmp, [`${pkg}@${version}`, ...extra]);
  await writeFile(path.join(tmp, MARKER), `${pkg}@${version}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  return dir;
}

/**
 * Make sure every peer is installed; returns how to run each one.
 * `log` receives progress lines (the installs take a minute the first time).
 */
export async function ensurePeers(cacheDir, log = () => {}) {
  const out = {};
  log(`peers: ${PEERS.skillCheck.pkg}@${PEERS.skillCheck.version}`);
  const sc = await ensurePackage(cacheDir, PEERS.skillCheck.pkg, PEERS.skillCheck.version);
  out.skillCheck = { bin: path.join(sc, 'node_modules', 'skill-check', 'bin', 'skill-check.js'), version: PEERS.skillCheck.version };

  log(`peers: ${PEERS.skillsRef.pkg}@${PEERS.skillsRef.version}`);
  const sr = await ensurePackage(cacheDir, PEERS.skillsRef.pkg, PEERS.skillsRef.version);
  out.skillsRef = { entry: path.join(sr, 'node_modules', 'skills-ref', 'dist', 'index.js'), version: PEERS.skillsRef.version };

  const platformPkg = `@anthropic-ai/claude-code-${process.platform}-${process.arch}`;
  log(`peers: ${PEERS.claudeCode.pkg}@${PEERS.claudeCode.version} (${platformPkg})`);
  try {
    // The platform package is an optional dependency; name it explicitly so npm fetches it even where optional deps are omitted.
    const cc = await ensurePackage(cacheDir, PEERS.claudeCode.pkg, PEERS.claudeCode.version, [`${platformPkg}@${PEERS.claudeCode.version}`]);
    const bin = path.join(cc, 'node_modules', ...platformPkg.split('/'), process.platform === 'win32' ? 'claude.exe' : 'claude');
    if (existsSync(bin)) out.claudeCode = { bin, version: PEERS.claudeCode.version };
    else log(`peers: ${bin} is missing; skipping claude plugin validate`);
  } catch (e) {
    log(`peers: Claude Code could not be installed (${e.message.split('\n')[0]}); skipping it`);
  }
  return out;
}
