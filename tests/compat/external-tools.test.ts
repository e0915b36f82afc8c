/** The tool installer other compatibility tests rely on: pinned, cached outside the repo, race-safe. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureNode22, ensureNpmTool, run, toolsCacheDir } from '../helpers/external-tools.js';
import { collect } from '../helpers/cli.js';
import { removeTree } from '../helpers/tmp.js';
import { REPO } from './repo-copy.js';

const HELPER = path.join(REPO, 'tests', 'helpers', 'external-tools.ts');
// Started through this Node binary, so the child needs nothing from PATH.
const TSX_CLI = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeTree(d);
});

function runTsx(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return collect(spawn(process.execPath, [TSX_CLI, script], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('external tools', () => {
  it('caches under VIBE_TOOLS_CACHE when set, else under ~/.cache, never inside the repository', () => {
    const saved = process.env.VIBE_TOOLS_CACHE;
    try {
      process.env.VIBE_TOOLS_CACHE = '/tmp/some-cache';
      expect(toolsCacheDir()).toBe('/tmp/some-cache');
      delete process.env.VIBE_TOOLS_CACHE;
      expect(toolsCacheDir()).toBe(path.join(os.homedir(), '.cache', 'vibe-coding-plugin', 'tools'));
      expect(path.relative(REPO, toolsCacheDir()).startsWith('..')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.VIBE_TOOLS_CACHE;
      else process.env.VIBE_TOOLS_CACHE = saved;
    }
  });

  it('insists on exact versions and real package names', async () => {
    await expect(ensureNpmTool('skills', '^1.7.0')).rejects.toThrow(/pin an exact version/);
    await expect(ensureNpmTool('skills', 'latest')).rejects.toThrow(/pin an exact version/);
    await expect(ensureNpmTool('../evil', '1.0.0')).rejects.toThrow(/not an npm package name/);
  });

  it('two processes installing the same tool at once both get one complete copy', async () => {
    const cache = await mkdtemp(path.join(os.tmpdir(), 'vibe-tools-race-'));
    dirs.push(cache);
    const script = path.join(cache, 'install.mts');
    await writeFile(script, `import { ensureNpmTool } from ${JSON.stringify(HELPER)};\nprocess.stdout.write(await ensureNpmTool('is-number', '7.0.0'));\n`);
    const env = { ...process.env, VIBE_TOOLS_CACHE: path.join(cache, 'tools') };
    const [a, b] = await Promise.all([runTsx(script, env), runTsx(script, env)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const prefix = path.join(cache, 'tools', 'npm', 'is-number@7.0.0');
    expect(a.stdout).toBe(prefix);
    expect(b.stdout).toBe(prefix);
    const pkg = JSON.parse(await readFile(path.join(prefix, 'node_modules', 'is-number', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('7.0.0');
    expect(await readdir(path.join(cache, 'tools', 'npm'))).toEqual(['is-number@7.0.0']);
    expect(await readdir(path.join(cache, 'tools', '.tmp'))).toEqual([]);
    // A third call finds it and installs nothing: without npm on PATH it could not.
    const c = await runTsx(script, { ...env, PATH: '/nonexistent' });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toBe(prefix);
  });

  it('provides Node >= 22.20 for the skills CLI', async () => {
    const node = await ensureNode22();
    expect(existsSync(node)).toBe(true);
    const r = await run(node, ['-p', 'process.versions.node'], { timeoutMs: 60_000 });
    const [major = 0, minor = 0] = r.stdout.trim().split('.').map(Number);
    expect(major > 22 || (major === 22 && minor >= 20)).toBe(true);
  }, 600_000);
});
