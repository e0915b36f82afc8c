/**
 * Build dist/ once before the tests, as `npm run build` does (tsc, then the CLI bundle), so CLI
 * tests always run the current source as users run it (node dist/vibe-skills.js). Type errors
 * fail `npm run build` in CI; here we only need the emitted JavaScript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const bin = path.join(root, 'dist', 'vibe-skills.js');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8' });
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, encoding: 'utf8' });
  // tsc emits even with type errors (CI's `npm run build` fails on them); a failed bundle must fail here.
  if (b.status !== 0 || !existsSync(bin)) {
    throw new Error(`build failed:\n${r.stdout}\n${r.stderr}\n${b.stdout}\n${b.stderr}`);
  }
}
