/** Shared builders for the install tests: real skill repositories and projects in temp folders. */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { childEnv, collect, BIN as DEFAULT_BIN, type CliResult } from '../helpers/cli.js';
import { makeTree, removeTree, type Tree } from '../helpers/tmp.js';

export { childEnv };

export function skill(name: string, opts: { body?: string; frontmatter?: string; description?: string } = {}): string {
  const description = opts.description ?? `Handles ${name} work in tests. Use when a test needs the ${name} skill.`;
  const fm = opts.frontmatter ?? `name: ${name}\ndescription: ${description}`;
  return `---\n${fm}\n---\n\n${opts.body ?? `# ${name}\n\nSteps for ${name}.\n`}`;
}

export class Temp {
  private roots: string[] = [];
  async tree(files: Tree): Promise<string> {
    const r = await makeTree(files);
    this.roots.push(r);
    return r;
  }
  async cleanup(): Promise<void> {
    while (this.roots.length) await removeTree(this.roots.pop()!);
  }
}

/** Every entry under a folder with its content hash (files), link text (links) or `dir`. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (abs: string, rel: string): Promise<void> => {
    const names = await readdir(abs).catch(() => [] as string[]);
    for (const n of names.sort()) {
      const a = path.join(abs, n);
      const r = rel ? `${rel}/${n}` : n;
      const st = await lstat(a);
      if (st.isSymbolicLink()) out[r] = `link:${await readlink(a)}`;
      else if (st.isDirectory()) {
        out[r] = 'dir';
        await walk(a, r);
      } else out[r] = createHash('sha256').update(await readFile(a)).digest('hex').slice(0, 16);
    }
  };
  await walk(root, '');
  return out;
}

export async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => undefined)) !== undefined;
}

export async function readJson(p: string): Promise<any> {
  return JSON.parse(await readFile(p, 'utf8'));
}

/** The built CLI; VIBE_SKILLS_TEST_BIN points the install tests at another build. */
export const BIN = process.env.VIBE_SKILLS_TEST_BIN ?? DEFAULT_BIN;

/** `killAfterMs`: a safety net for a test about a hang (the process is killed and `code` is null), never a timing assertion. */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; killAfterMs?: number }): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: childEnv(opts.env), encoding: 'utf8', ...(opts.killAfterMs ? { timeout: opts.killAfterMs, killSignal: 'SIGKILL' as const } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runCliAsync(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return collect(spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: childEnv(opts.env) }));
}

