#!/usr/bin/env node
/**
 * `npm run bench`: vibe-skills against its peers on deterministic synthetic corpora.
 *
 * - Corpora (2,000 and 10,000 skills of ~3.3 KB) and peers (pinned versions) live in a cache
 *   folder outside the repository: $VIBE_BENCH_CACHE or ~/.cache/vibe-coding-plugin/bench.
 * - Tools run alternately (round-robin, the starting tool rotating each round) after one
 *   unmeasured warm-up run each, so disk cache and background noise hit all of them alike.
 * - Wall time is measured around the child process; peak memory is GNU time's maximum RSS
 *   (`/usr/bin/time -f %M`, the kernel's ru_maxrss for the child).
 * - Every tool's output is parsed for the number of skills it found; a mismatch is reported
 *   and makes the exit code 1.
 *
 * Options: --runs N (default 5), --sizes 2000,10000, --no-peers, --json <file> (raw results),
 * --wait-quiet (wait up to 10 minutes for the load average to drop before measuring),
 * --node <path> (the Node binary that runs vibe-skills, the floors, the Node-based peers and the
 * start-up rows; default: the one running this script).
 * This is a benchmark, not a test: nothing here runs in `npm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';
import { benchCacheDir, ensurePeers } from './peers.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vibeBin = path.join(repo, 'dist', 'vibe-skills.js');
const GNU_TIME = '/usr/bin/time';
/** The Node that runs every Node-based command (--node). */
let node = process.execPath;

function parseArgs(argv) {
  const opts = { runs: 5, sizes: [2000, 10000], peers: true, json: undefined, waitQuiet: 0, node: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') opts.runs = Math.max(1, Number.parseInt(next(), 10) || 5);
    else if (a === '--sizes') opts.sizes = next().split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0);
    else if (a === '--no-peers') opts.peers = false;
    else if (a === '--json') opts.json = path.resolve(next());
    else if (a === '--wait-quiet') opts.waitQuiet = 600;
    else if (a === '--node') opts.node = path.resolve(next());
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown option ${a} (try --help)`);
  }
  return opts;
}

const log = (s) => process.stderr.write(`${s}\n`);

/**
 * Run once under GNU time (when present); wall from hrtime, peak RSS in bytes, CPU in ms.
 * Output goes to files, not pipes: tools that call process.exit() after a large write to a
 * pipe lose the end of their output (skill-check's and Claude Code's JSON for thousands of
 * skills), and a file costs every tool the same.
 */
async function measure(cmd, args, { cwd = repo, scratch } = {}) {
  const useTime = existsSync(GNU_TIME);
  const timeFile = `${scratch}.time`;
  const outFile = `${scratch}.out`;
  const errFile = `${scratch}.err`;
  const file = useTime ? GNU_TIME : cmd;
  const argv = useTime ? ['-f', '%M %U %S', '-o', timeFile, cmd, ...args] : args;
  const outFd = openSync(outFile, 'w');
  const errFd = openSync(errFile, 'w');
  const start = process.hrtime.bigint();
  let code;
  try {
    code = await new Promise((resolve, reject) => {
      const child = spawn(file, argv, { cwd, stdio: ['ignore', outFd, errFd], env: { ...process.env, NO_COLOR: '1', CI: '1' } });
      child.on('error', reject);
      child.on('close', (c) => resolve(c));
    });
  } finally {
    closeSync(outFd);
    closeSync(errFd);
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const stdout = await readFile(outFile, 'utf8');
  const stderr = await readFile(errFile, 'utf8');
  let rssBytes;
  let cpuMs;
  if (useTime) {
    const text = await readFile(timeFile, 'utf8').catch(() => '');
    // GNU time prints "Command exited with non-zero status N" before the format line.
    const [kb, user, sys] = (text.trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(kb)) rssBytes = kb * 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
  }
  return { code, stdout, stderr, wallMs, rssBytes, cpuMs };
}

function tryJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The tools of one corpus: label, command, and how to read the skill count from stdout. */
function toolsFor(root, size, peers, cacheDir) {
  const tools = [
    {
      id: 'vibe',
      label: 'vibe-skills validate',
      cmd: node,
      args: [vibeBin, 'validate', root, '--format', 'json', '--no-config'],
      count: (out) => tryJson(out)?.summary?.skills,
    },
    {
      id: 'vibe-cache',
      label: 'vibe-skills validate --cache (warm)',
      cmd: node,
      args: [vibeBin, 'validate', root, '--format', 'json', '--no-config', '--cache', '--cache-location', path.join(cacheDir, `vibe-cache-${size}.json`)],
      count: (out) => tryJson(out)?.summary?.skills,
      // The first (unmeasured) run fills the cache; every measured run is then a warm re-run.
    },
    {
      id: 'io-floor',
      label: 'floor: node + listing and reading the files, no parsing',
      cmd: node,
      args: [path.join(repo, 'bench', 'io-floor.mjs'), root],
      count: (out) => tryJson(out.trim())?.skills,
    },
    {
      id: 'io-floor-warm',
      label: 'floor, warm: node + stat of every folder and SKILL.md, nothing read',
      cmd: node,
      args: [path.join(repo, 'bench', 'io-floor.mjs'), root, '--warm', path.join(cacheDir, `floor-list-${size}.json`)],
      count: (out) => tryJson(out.trim())?.skills,
      // Like the --cache row: the unmeasured first run writes the list the measured runs use.
    },
  ];
  if (peers.skillCheck) {
    tools.push({
      id: 'skill-check',
      label: `skill-check ${peers.skillCheck.version}`,
      cmd: node,
      args: [peers.skillCheck.bin, 'check', root, '--format', 'json', '--no-security-scan', '--no-installs'],
      count: (out) => tryJson(out)?.summary?.skillCount,
    });
  }
  if (peers.skillsRef) {
    tools.push({
      id: 'skills-ref',
      label: `skills-ref ${peers.skillsRef.version} (API, one process)`,
      cmd: node,
      args: [path.join(repo, 'bench', 'skills-ref-driver.mjs'), peers.skillsRef.entry, root],
      count: (out) => tryJson(out.trim())?.skills,
    });
  }
  if (peers.claudeCode) {
    tools.push({
      id: 'claude',
      label: `claude plugin validate ${peers.claudeCode.version}`,
      cmd: peers.claudeCode.bin,
      args: ['plugin', 'validate', root, '--json'],
      // Above ~20,000 plugin entries Claude Code stops enumerating (`provides` is null): it did not check the skills.
      count: (out) => {
        const report = tryJson(out);
        if (report === undefined) return undefined;
        return report.provides?.skills?.length ?? 'none listed (provides: null)';
      },
    });
  }
  return tools;
}

function startupTools() {
  return [
    { id: 'floor', label: "node -e ''", cmd: node, args: ['-e', ''] },
    { id: 'version', label: 'vibe-skills --version', cmd: node, args: [vibeBin, '--version'] },
    { id: 'help', label: 'vibe-skills --help', cmd: node, args: [vibeBin, '--help'] },
    { id: 'validate-help', label: 'vibe-skills validate --help', cmd: node, args: [vibeBin, 'validate', '--help'] },
  ];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Warm up each tool once, then `runs` rounds, rotating which tool goes first. */
async function runAlternating(tools, runs, scratch) {
  const results = new Map(tools.map((t) => [t.id, { tool: t, walls: [], rss: [], cpu: [], counts: new Set(), failures: [] }]));
  const once = async (t, record) => {
    const r = await measure(t.cmd, t.args, { scratch });
    const entry = results.get(t.id);
    // Commands without a skill count (start-up) fail only on a non-zero exit.
    const count = t.count ? t.count(r.stdout) : undefined;
    const failed = t.count ? count === undefined : r.code !== 0;
    if (failed) {
      entry.failures.push(`exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 2).join(' | ').slice(0, 200)}`);
      return;
    }
    if (!record) return;
    entry.walls.push(r.wallMs);
    if (r.rssBytes !== undefined) entry.rss.push(r.rssBytes);
    if (r.cpuMs !== undefined) entry.cpu.push(r.cpuMs);
    if (t.count) entry.counts.add(count);
  };
  for (const t of tools) await once(t, false);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < tools.length; k++) await once(tools[(round + k) % tools.length], true);
    log(`  round ${round + 1}/${runs} done`);
  }
  return [...results.values()].map((e) => ({
    id: e.tool.id,
    label: e.tool.label,
    // A timing that includes failed runs means nothing: a tool that failed once is reported as failed.
    wallMs: e.failures.length > 0 || e.walls.length === 0 ? undefined : median(e.walls),
    minMs: e.walls.length ? Math.min(...e.walls) : undefined,
    maxMs: e.walls.length ? Math.max(...e.walls) : undefined,
    rssBytes: e.failures.length > 0 || e.rss.length === 0 ? undefined : median(e.rss),
    cpuMs: e.failures.length > 0 || e.cpu.length === 0 ? undefined : median(e.cpu),
    counts: [...e.counts],
    failures: e.failures,
  }));
}

/** Rows that are other tools (not vibe-skills itself, not the floor). */
const isPeer = (r) => !r.id.startsWith('vibe') && !r.id.startsWith('io-floor');

const fmtS = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)} s`);
const fmtMB = (b) => (b === undefined ? 'n/a' : `${Math.round(b / 1024 / 1024)} MB`);

function corpusTable(size, rows) {
  const vibe = rows.find((r) => r.id === 'vibe');
  const lines = [
    `### ${size.toLocaleString('en-US')} skills`,
    '',
    '| tool | wall (median) | min – max | CPU user+sys | peak memory | skills found | peer wall ÷ vibe-skills wall | peer memory ÷ vibe-skills memory |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const failed = r.failures.length > 0;
    const found = failed ? `failed (${r.failures[0]})` : r.counts.map((c) => (c === undefined ? '?' : c)).join(', ');
    const ours = !isPeer(r);
    const speed = ours || !vibe?.wallMs || !r.wallMs ? '' : `${(r.wallMs / vibe.wallMs).toFixed(1)}×`;
    const mem = ours || !vibe?.rssBytes || !r.rssBytes ? '' : `${(r.rssBytes / vibe.rssBytes).toFixed(1)}×`;
    lines.push(`| ${r.label} | ${fmtS(r.wallMs)} | ${fmtS(r.minMs)} – ${fmtS(r.maxMs)} | ${fmtS(r.cpuMs)} | ${fmtMB(r.rssBytes)} | ${found} | ${speed} | ${mem} |`);
  }
  return lines.join('\n');
}

/**
 * Instructions executed by a command, counted by valgrind (cachegrind without cache simulation):
 * unlike wall or CPU time, the count does not depend on what else the machine is doing, so the
 * start-up ratios hold on a busy machine too. Undefined without valgrind.
 */
function instructions(cmd, args) {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '');
  return r.status === 0 && m ? Number(m[1].replaceAll(',', '')) : undefined;
}

function startupTable(rows) {
  const floor = rows.find((r) => r.id === 'floor');
  const lines = [
    '### Start-up',
    '',
    '| command | wall (median) | CPU user+sys | peak memory | vs `node -e \'\'` (wall) | instructions (valgrind) | vs `node -e \'\'` (instructions) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const ratio = r.id === 'floor' || !floor?.wallMs || !r.wallMs ? '' : `${(r.wallMs / floor.wallMs).toFixed(2)}×`;
    const iratio = r.id === 'floor' || !floor?.instructions || !r.instructions ? '' : `${(r.instructions / floor.instructions).toFixed(2)}×`;
    const wall = r.failures.length > 0 ? `failed (${r.failures[0]})` : fmtS(r.wallMs);
    const ins = r.instructions === undefined ? 'n/a' : `${(r.instructions / 1e6).toFixed(0)} M`;
    lines.push(`| \`${r.label}\` | ${wall} | ${fmtS(r.cpuMs)} | ${fmtMB(r.rssBytes)} | ${ratio} | ${ins} | ${iratio} |`);
  }
  return lines.join('\n');
}

/** The goals, checked against the measured medians. */
function goals(bySize, startup) {
  const out = ['### Goals', ''];
  const mark = (ok) => (ok === undefined ? '–' : ok ? 'met' : 'NOT met');
  const r2 = bySize.get(2000);
  const r10 = bySize.get(10000);
  const get = (rows, id) => rows?.find((r) => r.id === id);
  const vibe2 = get(r2, 'vibe');
  if (vibe2) {
    const peersWall = (r2 ?? []).filter((r) => isPeer(r) && r.wallMs !== undefined).map((r) => r.wallMs);
    const fastest = peersWall.length ? Math.min(...peersWall) : undefined;
    out.push(`- 2,000 skills ≤ 0.25 s: ${fmtS(vibe2.wallMs)} — ${mark(vibe2.wallMs === undefined ? undefined : vibe2.wallMs <= 250)}`);
    out.push(`- 2,000 skills ≤ 80 MB: ${fmtMB(vibe2.rssBytes)} — ${mark(vibe2.rssBytes === undefined ? undefined : vibe2.rssBytes <= 80 * 1024 * 1024)}`);
    if (fastest !== undefined && vibe2.wallMs !== undefined) {
      out.push(`- ≥ 3× faster than the fastest peer: ${(fastest / vibe2.wallMs).toFixed(1)}× — ${mark(fastest / vibe2.wallMs >= 3)}`);
    }
    const floor2 = get(r2, 'io-floor');
    if (floor2?.wallMs !== undefined) {
      out.push(`  (the floor on this machine — node starting, listing and reading the 2,000 skills, no parsing — is ${fmtS(floor2.wallMs)})`);
    }
    if (vibe2.instructions && floor2?.instructions) {
      out.push(`  (in instructions, which do not depend on the load: ${(vibe2.instructions / 1e9).toFixed(2)} G for vibe-skills, ${(floor2.instructions / 1e9).toFixed(2)} G for the floor)`);
    }
    const warm = get(r2, 'vibe-cache');
    if (warm) out.push(`- warm --cache re-run ≤ 0.15 s: ${fmtS(warm.wallMs)} — ${mark(warm.wallMs === undefined ? undefined : warm.wallMs <= 150)}`);
    const warmFloor = get(r2, 'io-floor-warm');
    if (warm && warmFloor?.wallMs !== undefined) {
      out.push(`  (the warm floor — node starting and the stat calls that prove the 2,000 skills unchanged, nothing read — is ${fmtS(warmFloor.wallMs)})`);
    }
  }
  const vibe10 = get(r10, 'vibe');
  if (vibe10 && vibe2?.wallMs && vibe10.wallMs) {
    out.push(`- 10,000 skills in about 1 s: ${fmtS(vibe10.wallMs)} (${(vibe10.wallMs / vibe2.wallMs).toFixed(1)}× the 2,000-skill time for 5× the skills)`);
  }
  const floor = get(startup, 'floor');
  for (const id of ['version', 'help']) {
    const r = get(startup, id);
    const ins = r?.instructions && floor?.instructions ? `; ${(r.instructions / floor.instructions).toFixed(2)}× in instructions` : '';
    if (r?.wallMs && floor?.wallMs) out.push(`- \`${r.label}\` ≤ 1.5× \`node -e ''\`: ${(r.wallMs / floor.wallMs).toFixed(2)}× in wall time${ins} — ${mark(r.wallMs / floor.wallMs <= 1.5)}`);
  }
  return out.join('\n');
}

/** Wait (up to `maxSeconds`) until the 1-minute load average drops below 0.3 per core. */
async function waitQuiet(maxSeconds) {
  const limit = os.cpus().length * 0.3;
  const deadline = Date.now() + maxSeconds * 1000;
  while (os.loadavg()[0] > limit && Date.now() < deadline) {
    log(`bench: load ${os.loadavg()[0].toFixed(2)} > ${limit.toFixed(2)}, waiting for a quiet machine…`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
}

function machine() {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return [
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ${os.type()} ${os.release()}, Node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}.`,
    `Load average at start: ${load}.`,
  ].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write('usage: node bench/run.mjs [--runs N] [--sizes 2000,10000] [--no-peers] [--wait-quiet] [--json file] [--node path]\n');
    return;
  }
  if (opts.node !== undefined) {
    if (spawnSync(opts.node, ['--version']).status !== 0) throw new Error(`--node ${opts.node} does not run`);
    node = opts.node;
  }
  const cacheDir = benchCacheDir();
  await mkdir(cacheDir, { recursive: true });
  const scratch = path.join(cacheDir, `run-${process.pid}`);
  if (!existsSync(GNU_TIME)) log('bench: /usr/bin/time not found: peak memory is not measured (Debian: apt-get install -y time)');
  if (!existsSync(vibeBin)) log(`bench: ${path.relative(repo, vibeBin)} is missing; run \`npm run build\` (npm run bench does)`);

  if (opts.waitQuiet) await waitQuiet(opts.waitQuiet);
  const header = machine();
  log(header);
  const [load1] = os.loadavg();
  if (load1 > os.cpus().length * 0.5) {
    log(`bench: WARNING: load average ${load1.toFixed(2)} on ${os.cpus().length} cores — other processes will distort the timings (--wait-quiet waits for a quiet machine)`);
  }
  const peers = opts.peers ? await ensurePeers(cacheDir, log) : {};

  const bySize = new Map();
  for (const size of opts.sizes) {
    log(`bench: corpus of ${size} skills`);
    const root = await ensureCorpus(cacheDir, size);
    // A cache from an earlier bench run would make the "warm" runs reflect that run instead.
    await rm(path.join(cacheDir, `vibe-cache-${size}.json`), { force: true });
    await rm(path.join(cacheDir, `floor-list-${size}.json`), { force: true });
    const tools = toolsFor(root, size, peers, cacheDir);
    const rows = await runAlternating(tools, opts.runs, scratch);
    // One cold run and the floor under valgrind too (~30 s each), at the smallest size: a count
    // that does not move with the machine's load, to compare rounds measured on different days.
    if (size === Math.min(...opts.sizes)) {
      for (const id of ['vibe', 'io-floor']) {
        const i = tools.findIndex((t) => t.id === id);
        if (i !== -1) rows[i].instructions = instructions(tools[i].cmd, tools[i].args);
      }
    }
    bySize.set(size, rows);
  }
  log('bench: start-up');
  const startupCommands = startupTools();
  const startup = await runAlternating(startupCommands, Math.max(opts.runs, 10), scratch);
  for (const [i, t] of startupCommands.entries()) startup[i].instructions = instructions(t.cmd, t.args);
  await Promise.all(['time', 'out', 'err'].map((x) => rm(`${scratch}.${x}`, { force: true })));

  // A peer that counts differently is reported; only vibe-skills miscounting fails the run.
  let mismatch = false;
  const sections = [header, ''];
  for (const [size, rows] of bySize) {
    sections.push(corpusTable(size, rows), '');
    for (const r of rows) {
      if (r.failures.length === 0 && (r.counts.length !== 1 || r.counts[0] !== size)) {
        if (r.id.startsWith('vibe')) mismatch = true;
        sections.push(`**${r.label} found ${r.counts.join(', ')} skills, expected ${size}.**`, '');
      }
    }
  }
  sections.push(startupTable(startup), '', goals(bySize, startup), '');
  sections.push(
    `Median of ${opts.runs} alternating runs after one warm-up run each (${Math.max(opts.runs, 10)} for start-up). CPU and peak memory (maximum RSS) of the child from GNU time; CPU time is the steadier number on a busy machine. Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
  );
  process.stdout.write(`${sections.join('\n')}\n`);
  if (opts.json) await writeFile(opts.json, `${JSON.stringify({ machine: header, sizes: Object.fromEntries(bySize), startup }, null, 2)}\n`);
  const vibeFailed = [...bySize.values()].some((rows) => rows.some((r) => r.id.startsWith('vibe') && r.failures.length > 0));
  if (mismatch || vibeFailed) process.exitCode = 1;
}

main().catch((e) => {
  log(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
