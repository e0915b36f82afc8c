/**
 * Runs the lead function of the pack, the welcome-email flow, exactly as
 * skills/background-jobs/SKILL.md teaches it. The code is read from the skill at
 * test time, so this proves the skill's own text, not a copy of it.
 *
 * The blocks are written into a temp folder (with `@/` imports rewritten to
 * relative paths and a recording stand-in for `@/lib/email`), imported, and run
 * under @inngest/test's InngestTestEngine with the day-long sleep mocked.
 * Nothing may reach the network: fetch is replaced by a recorder that fails.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InngestTestEngine } from '@inngest/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKED_LANGS, declaredPath, isOptedOut, scanFences } from './fences.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const skillFile = path.join(repoRoot, 'skills', 'background-jobs', 'SKILL.md');
const entry = 'src/inngest/functions/send-welcome.ts';
const emailModule = 'src/lib/email.ts';

/**
 * The stand-in for the app's mailer. It appends to a journal that the mocked
 * sleep also writes to, so one array shows the order of everything that ran.
 */
const recordingEmailStub = `
export const journal: string[] = [];
export interface SentEmail { id: string }
export async function sendWelcomeEmail(input: { to: string; name: string }): Promise<SentEmail> {
  journal.push(\`welcome:\${input.to}:\${input.name}\`);
  return { id: \`welcome-\${journal.length}\` };
}
export async function sendOnboardingEmail(input: { to: string; name: string }): Promise<SentEmail> {
  journal.push(\`onboarding:\${input.to}:\${input.name}\`);
  return { id: \`onboarding-\${journal.length}\` };
}
`;

/** `@/x/y` -> the path of src/x/y relative to the importing file, extension-free. */
function toRelative(fromFile: string, specifier: string): string {
  const target = path.posix.join('src', specifier.slice(2));
  let rel = path.posix.relative(path.posix.dirname(fromFile), target);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

const IMPORT_FROM = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(@\/[^"']+)\2/g;

/**
 * The files the entry needs, following `@/` imports through the skill's own
 * path-named blocks. Fails loudly when the skill imports something it does not
 * define (other than the mailer, which the test supplies).
 */
function collectFiles(blocks: ReadonlyMap<string, string>): Map<string, string> {
  const files = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    const code = blocks.get(file);
    if (code === undefined) {
      throw new Error(`skills/background-jobs/SKILL.md: no \`// ${file}\` block, but the welcome flow imports it`);
    }
    const rewritten = code.replace(IMPORT_FROM, (_all, lead: string, quote: string, spec: string) => {
      const target = `src/${spec.slice(2)}`;
      const candidates = [`${target}.ts`, `${target}.tsx`, target];
      const found = candidates.find((candidate) => blocks.has(candidate) || candidate === emailModule);
      if (!found) {
        throw new Error(`skills/background-jobs/SKILL.md: ${file} imports "${spec}", which no block of the skill defines`);
      }
      if (found !== emailModule) pending.push(found);
      return `${lead}${quote}${toRelative(file, spec)}${quote}`;
    });
    files.set(file, rewritten);
  }
  files.set(emailModule, recordingEmailStub);
  return files;
}

interface WelcomeModules {
  sendWelcome: ConstructorParameters<typeof InngestTestEngine>[0]['function'];
  journal: string[];
}

describe('background-jobs: the welcome flow from SKILL.md', () => {
  let tempDir = '';
  let modules: WelcomeModules;
  const fetchCalls: string[] = [];

  beforeAll(async () => {
    // Any HTTP call (sending an event, syncing, checkpointing to Inngest Cloud)
    // is a failure of this test: record it and refuse it.
    vi.stubGlobal('fetch', async (input: unknown) => {
      fetchCalls.push(String(input instanceof Request ? input.url : input));
      throw new Error('network access is not allowed in this test');
    });
    vi.stubEnv('INNGEST_DEV', '1');

    const markdown = await readFile(skillFile, 'utf8');
    const blocks = new Map<string, string>();
    for (const fence of scanFences(markdown)) {
      if (!CHECKED_LANGS.has(fence.lang) || isOptedOut(fence)) continue;
      const file = declaredPath(fence);
      if (file) blocks.set(file, fence.code);
    }
    const files = collectFiles(blocks);

    // realpath: on some systems the temp folder is behind a symlink, and module
    // ids must match between the function's import and ours.
    tempDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'vibe-welcome-flow-')));
    // Bare imports (inngest, zod) resolve through the project's own packages.
    await symlink(path.join(repoRoot, 'node_modules'), path.join(tempDir, 'node_modules'), 'dir');
    for (const [file, code] of files) {
      const target = path.join(tempDir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, code);
    }

    const fnModule = (await import(pathToFileURL(path.join(tempDir, entry)).href)) as Record<string, unknown>;
    const mailer = (await import(pathToFileURL(path.join(tempDir, emailModule)).href)) as { journal: string[] };
    modules = { sendWelcome: fnModule.sendWelcome as WelcomeModules['sendWelcome'], journal: mailer.journal };
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  const userCreatedEvent = {
    name: 'app/user.created',
    data: { userId: 'user_1', email: 'ada@example.com', name: 'Ada' },
  };

  it('exports sendWelcome from the file the skill names', () => {
    expect(modules.sendWelcome).toBeDefined();
  });

  it('sends the welcome email, sleeps a day, then sends the onboarding email', async () => {
    modules.journal.length = 0;
    const t = new InngestTestEngine({ function: modules.sendWelcome });

    const { result, ctx, error } = (await t.execute({
      events: [userCreatedEvent],
      steps: [
        {
          id: 'wait-one-day',
          handler() {
            modules.journal.push('sleep');
          },
        },
      ],
    })) as { result?: unknown; ctx: { step: { run: unknown; sleep: unknown } }; error?: unknown };

    expect(error).toBeUndefined();
    expect(modules.journal).toEqual([
      'welcome:ada@example.com:Ada',
      'sleep',
      'onboarding:ada@example.com:Ada',
    ]);
    expect(result).toEqual({ welcomeId: 'welcome-1', onboardingId: 'onboarding-3' });
    expect(ctx.step.sleep).toHaveBeenCalledWith('wait-one-day', '1d');
    expect(ctx.step.run).toHaveBeenCalledWith('send-welcome-email', expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith('send-onboarding-email', expect.any(Function));
    expect(fetchCalls).toEqual([]);
  });

  it('rejects an event whose email is not an email before any step runs', async () => {
    modules.journal.length = 0;
    const t = new InngestTestEngine({ function: modules.sendWelcome });

    const { error } = (await t.execute({
      events: [{ name: 'app/user.created', data: { userId: 'user_2', email: 'not-an-email', name: 'Bob' } }],
      steps: [{ id: 'wait-one-day', handler() {} }],
    })) as { error?: unknown };

    // The zod schema of `userCreated` rejects the event; the message names the field.
    expect(error).toMatchObject({ message: expect.stringMatching(/email/i) });
    expect(modules.journal).toEqual([]);
    expect(fetchCalls).toEqual([]);
  });
});
