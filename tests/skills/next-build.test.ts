/**
 * The skills' code is one Next.js app: every block that names its file (`// src/app/...`)
 * is written there, beside the small runtime stand-ins in tests/next-app (the root layout,
 * the mailer, the order work, the session lookup) and the real generated Prisma client, and
 * `next build` must succeed without a warning. The type check proves each block compiles;
 * this proves what only the framework checks: Cache Components prerendering (`params` or
 * request data outside Suspense fails the build), the config being current for the pinned
 * Next.js, route and proxy file conventions, and that the skills' files fit together.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNpmTool, TYPESCRIPT7_VERSION } from '../helpers/external-tools.js';
import { makeTree, removeTree } from '../helpers/tmp.js';
import { CHECKED_LANGS, declaredPath, isOptedOut, markdownFiles, scanFences } from './fences.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const PROJECT = path.join(REPO, 'tests', 'typecheck-project');
let app: string;
let written: string[];

beforeAll(async () => {
  const gen = spawnSync(process.execPath, [path.join(PROJECT, 'generate.mjs')], { encoding: 'utf8' });
  expect(gen.status, gen.stderr).toBe(0);
  app = await makeTree({
    'package.json': JSON.stringify({ name: 'skills-app', private: true, type: 'module' }),
  });
  // Turbopack refuses a node_modules that is a link out of the project; webpack follows it.
  await symlink(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  await cp(path.join(PROJECT, 'tsconfig.json'), path.join(app, 'tsconfig.json'));
  await cp(path.join(PROJECT, 'stubs', 'src', 'generated'), path.join(app, 'src', 'generated'), { recursive: true });
  await cp(path.join(REPO, 'tests', 'next-app'), app, { recursive: true });
  written = [];
  for (const { text } of await markdownFiles(path.join(REPO, 'skills'), REPO)) {
    for (const fence of scanFences(text)) {
      const file = declaredPath(fence);
      if (!file || !CHECKED_LANGS.has(fence.lang) || isOptedOut(fence)) continue;
      await mkdir(path.dirname(path.join(app, file)), { recursive: true });
      await writeFile(path.join(app, file), `${fence.code}\n`);
      written.push(file);
    }
  }
});
afterAll(async () => {
  if (app) await removeTree(app);
});

function nextBuild(cwd: string): Promise<{ code: number | null; output: string }> {
  const bin = path.join(REPO, 'node_modules', 'next', 'dist', 'bin', 'next');
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      // What the deploy skill's src/env.ts requires in production. Nothing connects.
      DATABASE_URL: 'postgresql://app:secret@127.0.0.1:5432/app',
      INNGEST_SIGNING_KEY: 'signkey-test-0123456789abcdef',
      INNGEST_EVENT_KEY: 'test-event-key',
    };
    delete env.INNGEST_DEV; // src/env.ts refuses it in production
    const child = spawn(process.execPath, [bin, 'build', '--webpack'], { cwd, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the skills as one Next.js app', () => {
  it('holds the files the skills teach, each from one block', () => {
    expect(written).toEqual(expect.arrayContaining(['next.config.ts', 'src/app/posts/[id]/page.tsx', 'src/app/api/inngest/route.ts', 'src/lib/db.ts', 'src/proxy.ts']));
    expect(new Set(written).size).toBe(written.length);
  });

  // npm's `typescript` is the native TypeScript 7 now, so that is what a new app type-checks with.
  it('type-checks with TypeScript 7 (the native tsc)', { timeout: 600_000 }, async () => {
    const tsc = path.join(await ensureNpmTool('typescript', TYPESCRIPT7_VERSION), 'node_modules', 'typescript', 'bin', 'tsc');
    const run = (...args: string[]) => spawnSync(process.execPath, [tsc, '-p', app, ...args], { cwd: app, encoding: 'utf8' });
    const listed = run('--listFilesOnly').stdout;
    for (const file of ['src/app/api/inngest/route.ts', 'src/inngest/functions/send-welcome.ts', 'src/app/posts/[id]/page.tsx']) {
      expect(listed).toContain(path.join(app, file));
    }
    const check = run('--noEmit');
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
  });

  it('builds with next build, with no warning', { timeout: 600_000 }, async () => {
    const { code, output } = await nextBuild(app);
    // Under CI Next.js notes that no build cache was restored: about the machine, not the skills.
    const warnings = output.split('\n').filter((l) => /⚠|warn/i.test(l) && !/No build cache found/.test(l));
    expect(warnings, output).toEqual([]);
    expect(code, output).toBe(0);
    for (const route of ['/posts/[id]', '/posts', '/api/inngest', '/api/webhooks/payments']) expect(output).toContain(route);
    expect(await readdir(path.join(app, '.next'))).toContain('BUILD_ID');
  });
});
