import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let cached: string | undefined;

/**
 * The package's own folder: the nearest package.json above this module. Found by walking up
 * rather than by a fixed `../` because the same code runs from src/ (tsx), from the compiled
 * dist/ tree and from the bundled CLI's chunks in dist/chunks/, each at a different depth.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(path.join(dir, 'package.json')); i++) dir = path.dirname(dir);
  root = dir;
  return root;
}

/** This package's version, from its package.json. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}

/**
 * What the results of this code depend on beyond its version number: the build (dist/build-id,
 * written by scripts/bundle.mjs; absent before the first build) and the version of the
 * `yaml` package the frontmatter parser falls back to, which is installed beside this package and
 * can differ between installs of the same version. `validate --cache` keys its entries on it.
 */
export function codeIdentity(): { version: string; build: string; yaml: string } {
  let build = '';
  try {
    build = readFileSync(path.join(packageRoot(), 'dist', 'build-id'), 'utf8').trim();
  } catch {
    // not built yet (the sources run through tsx): the version alone
  }
  let yaml = '';
  try {
    yaml = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  } catch {
    // not resolvable: the key simply lacks it
  }
  return { version: toolVersion(), build, yaml };
}
