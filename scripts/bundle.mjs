#!/usr/bin/env node
/**
 * Bundles the CLI (src/cli/bin.ts) into dist/vibe-skills.js plus lazily loaded chunks in
 * dist/chunks/, after `tsc` has type-checked and emitted the library (dist/index.js).
 *
 * Why a bundle: Node 20 resolves, reads and links every ESM file separately, so the CLI's ~90
 * modules plus commander's and zod's cost more than the work of a small run, and `--help`
 * must start within 1.5x of a bare `node`. One file per lazily loaded part (each command's
 * implementation, the type check) keeps `--version` and `--help` from loading what they do not
 * use; tree-shaking keeps only the parts of zod/mini the schemas use.
 *
 * Left outside the bundle: `typescript` (found at run time in the project being checked) and
 * `yaml` (required on first use by src/skill/yaml.ts; most runs never load it).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * commander requires node:child_process at load time, for executable subcommands (`git-style`
 * separate programs), which this CLI does not have. Loading it also loads net, dgram and a dozen
 * more Node modules (~2.5 ms of every `--help` and `validate`); this hands commander an object
 * that loads the real module on first use instead.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

const NOTICES = 'THIRD-PARTY-NOTICES.txt';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
rmSync(path.join(root, 'dist', 'chunks'), { recursive: true, force: true });

const { metafile } = await build({
  absWorkingDir: root,
  metafile: true,
  // The worker of src/lint/parallel.ts is found next to that code: in dist/chunks/.
  entryPoints: { 'vibe-skills': 'src/cli/bin.ts', 'chunks/parallel-worker': 'src/lint/parallel-worker.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['typescript', 'yaml'],
  // ESM builds first: jsonc-parser's default (UMD) build requires its own files by relative path.
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins; ESM has none.
  banner: {
    js: [
      `// Bundled packages and their licenses: ${NOTICES}`,
      "import { createRequire as __vibeCreateRequire } from 'node:module'; const require = __vibeCreateRequire(import.meta.url);",
    ].join('\n'),
  },
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [lazyChildProcessForCommander],
});

/**
 * dist/THIRD-PARTY-NOTICES.txt: the bundle carries copies of commander, zod, semver and
 * jsonc-parser, whose licenses (MIT, ISC) ask that the copyright notice go with every copy. The
 * packages are derived from esbuild's metafile, so a new bundled dependency cannot be missed, and
 * the build fails if one has no license file to copy.
 */
const packages = new Map();
for (const input of Object.keys(metafile.inputs)) {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m && !packages.has(m[1])) packages.set(m[1], path.join(root, 'node_modules', m[1]));
}
const notices = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(dir).find((f) => /^(?:licen[cs]e|copying)(?:\.(?:md|txt))?$/i.test(f));
  if (licenseFile === undefined) {
    throw new Error(`bundle: ${name} is bundled into the CLI but has no LICENSE file to copy into ${NOTICES}; mark it external in scripts/bundle.mjs or add its license text by hand`);
  }
  const text = readFileSync(path.join(dir, licenseFile), 'utf8').trim();
  return `${name} ${pkg.version} (${pkg.license})\n${'-'.repeat(60)}\n${text}\n`;
});
writeFileSync(
  path.join(root, 'dist', NOTICES),
  `The vibe-skills CLI (dist/vibe-skills.js and dist/chunks/) contains code from these packages:\n\n${notices.join('\n\n')}`,
);

/**
 * dist/build-id: a hash of every JavaScript file the build emitted (the library, the bundle and
 * its chunks, with the bundled commander, zod and jsonc-parser). `validate --cache` puts it in
 * the cache key, so results cached by one build are never served by another that carries the
 * same version number (a git checkout, a local edit).
 */
const dist = path.join(root, 'dist');
const hash = createHash('sha256');
for (const rel of readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('.js')).sort()) {
  hash.update(`${rel}\0`).update(readFileSync(path.join(dist, rel))).update('\0');
}
writeFileSync(path.join(dist, 'build-id'), `${hash.digest('base64url')}\n`);
