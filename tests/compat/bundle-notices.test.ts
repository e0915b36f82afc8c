/**
 * The CLI bundle carries copies of its dependencies' code; their licenses (MIT, ISC) ask that
 * the copyright and permission notice go with every copy. The packages are read from the
 * module comments esbuild writes into the bundle (`// node_modules/zod/...`), not from a list.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './repo-copy.js';

const dist = path.join(REPO, 'dist');
const bundleFiles = ['vibe-skills.js', ...readdirSync(path.join(dist, 'chunks')).map((f) => path.join('chunks', f))];

function bundledPackages(): string[] {
  const names = new Set<string>();
  for (const file of bundleFiles) {
    for (const m of readFileSync(path.join(dist, file), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)) names.add(m[1]!);
  }
  return [...names].sort();
}

describe('third-party notices of the bundle', () => {
  const notices = readFileSync(path.join(dist, 'THIRD-PARTY-NOTICES.txt'), 'utf8');

  it('hold the license text of every package the bundle contains', () => {
    const packages = bundledPackages();
    expect(packages).toContain('commander');
    for (const name of packages) {
      const dir = path.join(REPO, 'node_modules', name);
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string; license: string };
      expect(notices).toContain(`${name} ${pkg.version} (${pkg.license})`);
      const licenseFile = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
      expect(licenseFile, `${name} has a license file`).toBeDefined();
      expect(notices).toContain(readFileSync(path.join(dir, licenseFile!), 'utf8').trim());
    }
  });

  it('are named at the top of every bundle file and go into the npm package', () => {
    for (const file of bundleFiles) {
      expect(readFileSync(path.join(dist, file), 'utf8').split('\n', 3).join('\n'), file).toContain('THIRD-PARTY-NOTICES.txt');
    }
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as { files: { path: string }[] }[];
    expect(packed[0]!.files.map((f) => f.path)).toContain('dist/THIRD-PARTY-NOTICES.txt');
  });
});
