#!/usr/bin/env node
/**
 * Where does `vibe-skills validate` spend its time? Runs it under `node --cpu-prof` on a bench
 * corpus (default 2,000 skills) and prints self time grouped by category (module loading,
 * file system, GC, yaml, markdown scan, rules...), by file and by function.
 *
 *   node bench/profile.mjs [--size 2000] [--runs 3] [--top 25] [-- extra validate flags]
 *
 * Self times are summed over `--runs` profiles (sampling noise averages out). `(idle)` is the
 * main thread waiting, mostly for the libuv thread pool doing asynchronous file I/O.
 * Requires a build (`npm run build`). It profiles the unbundled CLI that tsc emits (dist/cli/bin.js):
 * the same code as the bundle users run (dist/vibe-skills.js), but with one file per module so
 * that time is attributed to files; module loading is therefore somewhat higher than in the bundle.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';
import { benchCacheDir } from './peers.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { size: 2000, runs: 3, top: 25, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      opts.extra = argv.slice(i + 1);
      break;
    }
    const v = argv[++i];
    if (a === '--size') opts.size = Number.parseInt(v, 10);
    else if (a === '--runs') opts.runs = Math.max(1, Number.parseInt(v, 10));
    else if (a === '--top') opts.top = Number.parseInt(v, 10);
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const FS_NATIVE = new Set(['lstat', 'stat', 'fstat', 'open', 'openFileHandle', 'close', 'read', 'readdir', 'realpath', 'readFileUtf8', 'readFileSync', 'writeString', 'writeBuffer', 'access', 'internalModuleStat']);

/** Which bucket a sample's function belongs to. */
function category(fn, url) {
  if (fn === '(idle)') return 'idle (waiting for I/O)';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)') return 'V8/native (program)';
  if (fn.startsWith('RegExp:') || (url === '' && fn.startsWith('/'))) return 'regular expressions';
  if (url === '' && FS_NATIVE.has(fn)) return 'file system (native)';
  if (/node:internal\/(modules|bootstrap|process|vm)|node:internal\/url|compileSourceTextModule|wrapSafe/.test(url) || fn === 'compileSourceTextModule') return 'module loading / start-up';
  if (/node:(internal\/)?fs|node:internal\/fs/.test(url)) return 'file system (JS side)';
  if (url.startsWith('node:')) return 'node core (other)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  const m = /\/dist\/(.+)$/.exec(url);
  if (m) {
    const f = m[1];
    if (f.startsWith('lint/rules/')) return 'lint rules';
    if (f === 'skill/markdown.js') return 'markdown scan (skill/markdown.js)';
    if (f.startsWith('skill/frontmatter') || f === 'skill/fast-yaml.js') return 'frontmatter (ours)';
    return `dist/${f}`;
  }
  return url === '' ? `native ${fn}` : url;
}

function summarize(files, top) {
  const byCat = new Map();
  const byFn = new Map();
  const byFile = new Map();
  let total = 0;
  for (const file of files) {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.timeDeltas[i] ?? 0) / 1000;
      const { functionName, url, lineNumber } = nodes.get(p.samples[i]).callFrame;
      const fn = functionName || '(anonymous)';
      const short = url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/');
      total += dt;
      const add = (m, k) => m.set(k, (m.get(k) ?? 0) + dt);
      add(byCat, category(fn, url));
      add(byFn, `${fn} ${short ? `(${short}:${lineNumber + 1})` : ''}`);
      add(byFile, short || `native ${fn.startsWith('RegExp:') ? 'RegExp' : fn}`);
    }
  }
  const n = files.length;
  const table = (title, m, limit) => {
    const rows = [...m].sort((a, b) => b[1] - a[1]).slice(0, limit);
    return [`| ${title} | ms per run | share |`, '|---|---|---|', ...rows.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${(v / n).toFixed(1)} | ${((100 * v) / total).toFixed(1)}% |`)].join('\n');
  };
  return [
    `Profiled ${n} run(s); ${(total / n).toFixed(0)} ms of samples per run.`,
    '',
    table('category', byCat, 30),
    '',
    table('file', byFile, top),
    '',
    table('function (self time)', byFn, top),
  ].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = await ensureCorpus(benchCacheDir(), opts.size);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vibe-prof-'));
  try {
    for (let i = 0; i < opts.runs; i++) {
      const r = spawnSync(
        process.execPath,
        ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', dir, path.join(repo, 'dist', 'cli', 'bin.js'), 'validate', root, '--format', 'json', '--no-config', ...opts.extra],
        { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      );
      if (r.status !== 0 && r.status !== 1) throw new Error(`validate failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
    process.stdout.write(`${summarize(files, opts.top)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`profile: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
