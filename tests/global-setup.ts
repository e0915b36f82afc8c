/**
 * Build dist/ once before the tests, so CLI tests always run the current source as users
 * run it (node dist/cli/bin.js). Type errors fail `npm run build` in CI; here we only need
 * the emitted JavaScript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8' });
  if (!existsSync(path.join(root, 'dist', 'cli', 'bin.js'))) {
    throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  }
}
