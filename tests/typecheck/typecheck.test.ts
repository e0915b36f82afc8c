/**
 * The type check against the real compiler and the real packages (inngest 4, next 16,
 * react 19) installed in the repository, through the fixture project's tsconfig.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBody } from '../../src/skill/markdown.js';
import type { Diagnostic } from '../../src/types.js';
import { typecheckSkills, type TypecheckInputSkill, type TypecheckResult } from '../../src/typecheck/index.js';
import { loadTypeScript } from '../../src/typecheck/typescript.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures');
const project = path.join(fixtures, 'project');
const stubs = path.join(fixtures, 'stubs');

const FENCE = '```';

/** A SKILL.md-like text parsed by the real body scanner; `markdown` keeps the text for line lookups. */
function skill(name: string, lines: string[]): TypecheckInputSkill & { markdown: string } {
  const markdown = ['---', `name: ${name}`, 'description: test', '---', ...lines, ''].join('\n');
  return { file: `skills/${name}/SKILL.md`, name, codeBlocks: analyzeBody(markdown, 1).codeBlocks, markdown };
}

/** 1-based line of the first line containing `needle`. */
function lineOf(s: { markdown: string }, needle: string): number {
  const index = s.markdown.split('\n').findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`not in markdown: ${needle}`);
  return index + 1;
}

function of(result: TypecheckResult, file: string): Diagnostic[] {
  return result.diagnostics.filter((d) => d.file === file);
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'vibe-typecheck-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const clientBlock = [
  `${FENCE}ts`,
  '// src/inngest/client.ts',
  "import { Inngest } from 'inngest';",
  '',
  "export const inngest = new Inngest({ id: 'my-app' });",
  FENCE,
];

describe('typecheckSkills on a pack (one compiler run)', () => {
  const good = skill('good', [
    '# Good',
    ...clientBlock,
    '',
    `${FENCE}ts`,
    '// src/inngest/events.ts',
    "import { eventType, staticSchema } from 'inngest';",
    '',
    "export const userSignedUp = eventType('user/signed-up', {",
    '  schema: staticSchema<{ userId: string; email: string; name: string }>(),',
    '});',
    FENCE,
    '',
    `${FENCE}ts`,
    '// src/inngest/functions/welcome.ts',
    "import { inngest } from '@/inngest/client';",
    "import { userSignedUp } from '@/inngest/events';",
    "import { sendWelcomeEmail } from '@/lib/email';",
    '',
    'export const welcome = inngest.createFunction(',
    "  { id: 'welcome-email', retries: 3, triggers: [userSignedUp] },",
    '  async ({ event, step }) => {',
    "    const sent = await step.run('send-email', () =>",
    '      sendWelcomeEmail({ to: event.data.email, name: event.data.name }),',
    '    );',
    "    await step.sleep('wait-a-day', '1d');",
    '    return { emailId: sent.id };',
    '  },',
    ');',
    FENCE,
    '',
    'The relative import below finds the stub through the overlay:',
    '',
    `${FENCE}ts`,
    '// src/inngest/functions/nudge.ts',
    "import { sendWelcomeEmail } from '../../lib/email';",
    "import { inngest } from '../client';",
    '',
    'export const nudge = inngest.createFunction(',
    "  { id: 'nudge', triggers: [{ cron: 'TZ=Europe/Paris 0 12 * * 5' }] },",
    "  async ({ step }) => step.run('mail', () => sendWelcomeEmail({ to: 'a@example.com', name: 'A' })),",
    ');',
    FENCE,
    '',
    `${FENCE}ts`,
    '// src/app/api/inngest/route.ts',
    "import { serve } from 'inngest/next';",
    "import { inngest } from '@/inngest/client';",
    "import { welcome } from '@/inngest/functions/welcome';",
    "import { nudge } from '@/inngest/functions/nudge';",
    '',
    'export const { GET, POST, PUT } = serve({ client: inngest, functions: [welcome, nudge] });',
    FENCE,
    '',
    `${FENCE}ts`,
    '// src/app/api/users/[id]/route.ts',
    "import { NextResponse, type NextRequest } from 'next/server';",
    '',
    'export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {',
    '  const { id } = await params;',
    '  return NextResponse.json({ id });',
    '}',
    FENCE,
    '',
    'Two anonymous blocks may reuse top-level names:',
    '',
    `${FENCE}tsx`,
    'const greeting = (name: string) => `Hello ${name}`;',
    'export default function Hello({ name }: { name: string }) {',
    '  return <p>{greeting(name)}</p>;',
    '}',
    FENCE,
    '',
    `${FENCE}ts`,
    'const greeting = 42;',
    'console.log(greeting.toFixed(1));',
    FENCE,
    '',
    `${FENCE}ts nocheck`,
    'inngest.createFunction({ id: "fragment" }, { event: "x" }, handler)',
    FENCE,
    '',
    `${FENCE}bash`,
    'npx --ignore-scripts=false inngest-cli@latest dev',
    FENCE,
  ]);

  const old = skill('old-api', [
    '# Old',
    ...clientBlock,
    '',
    `${FENCE}ts`,
    "import { inngest } from '@/inngest/client';",
    '',
    'export const fn = inngest.createFunction(',
    "  { id: 'hello' },",
    "  { event: 'test/hello' },",
    "  async ({ event }) => event.name,",
    ');',
    FENCE,
  ]);

  // Same virtual path, incompatible contents: each skill must see only its own.
  const dbA = skill('db-a', [
    `${FENCE}ts`,
    '// src/lib/db.ts',
    "export const db = { kind: 'a' as const, url: 'postgres://a' };",
    FENCE,
    `${FENCE}ts`,
    "import { db } from '@/lib/db';",
    "const kind: 'a' = db.kind;",
    'console.log(kind, db.url.length);',
    FENCE,
  ]);
  const dbB = skill('db-b', [
    `${FENCE}ts`,
    '// src/lib/db.ts',
    "export const db = { kind: 'b' as const, port: 5432 };",
    FENCE,
    `${FENCE}ts`,
    "import { db } from '@/lib/db';",
    "const kind: 'b' = db.kind;",
    'console.log(kind, db.port.toFixed(0));',
    FENCE,
  ]);

  const dup = skill('dup', [
    `${FENCE}ts`,
    '// src/lib/db.ts',
    'export const db = 1;',
    FENCE,
    '',
    `${FENCE}ts`,
    '// src/lib/db.ts',
    'export const db = 2;',
    FENCE,
  ]);

  const broken = skill('broken-import', [
    ...clientBlock,
    `${FENCE}ts`,
    "import { nope } from '@/inngest/client';",
    "import { pad } from 'left-pad-that-is-not-installed';",
    "import { missing } from '@/lib/not-a-stub';",
    'console.log(nope, pad, missing);',
    FENCE,
  ]);

  let result: TypecheckResult;
  let ms = 0;
  beforeAll(async () => {
    const started = performance.now();
    result = await typecheckSkills([good, old, dbA, dbB, dup, broken], { project, stubs, cwd: repo });
    ms = performance.now() - started;
    // Informational only: the one-program design is a speed goal, not a tested number.
    console.info(`typecheck: ${result.blocks} blocks in ${result.perSkill.length} skills, ${Math.round(ms)} ms`);
  }, 120_000);

  it('compiles a correct inngest 4 / Next.js 16 skill without diagnostics', () => {
    expect(of(result, good.file)).toEqual([]);
    expect(result.perSkill[0]).toEqual({ file: good.file, blocks: 8, optedOut: 1 });
  });

  it('reports the old three-argument createFunction on its SKILL.md line', () => {
    const diags = of(result, old.file);
    // TypeScript marks the excess argument: the handler.
    const handlerLine = lineOf(old, 'async ({ event }) => event.name');
    expect(diags).toContainEqual({
      ruleId: 'typecheck',
      severity: 'error',
      message: 'TS2554: Expected 2 arguments, but got 3.',
      file: old.file,
      line: handlerLine,
      column: 3,
      endLine: handlerLine,
      endColumn: 34,
    });
    // Nothing is reported on the client block above it.
    expect(diags.every((d) => d.line === handlerLine)).toBe(true);
  });

  it('gives each skill its own root, so two skills can define the same file', () => {
    expect(of(result, dbA.file)).toEqual([]);
    expect(of(result, dbB.file)).toEqual([]);
  });

  it('reports a second block naming the same file and does not compile it', () => {
    const diags = of(result, dup.file);
    expect(diags).toHaveLength(1);
    expect(diags[0]?.line).toBe(lineOf(dup, '= 2;') - 1);
    expect(diags[0]?.message).toContain('already defined by the code block at line');
    expect(result.perSkill.find((s) => s.file === dup.file)).toEqual({ file: dup.file, blocks: 1, optedOut: 0 });
  });

  it('resolves @/ imports to the skill\'s own blocks and explains missing modules', () => {
    const diags = of(result, broken.file);
    const byLine = (needle: string) => diags.find((d) => d.line === lineOf(broken, needle));
    expect(byLine('{ nope }')?.message).toMatch(/^TS2305: Module '"@\/inngest\/client"' has no exported member 'nope'\./);
    const pkg = byLine('left-pad-that-is-not-installed');
    expect(pkg?.message).toMatch(/^TS2307: Cannot find module 'left-pad-that-is-not-installed'/);
    expect(pkg?.hint).toContain('Install `left-pad-that-is-not-installed`');
    const alias = byLine('@/lib/not-a-stub');
    expect(alias?.message).toMatch(/^TS2307: Cannot find module '@\/lib\/not-a-stub'/);
    expect(alias?.hint).toContain('stubs folder (tests/typecheck/fixtures/stubs)');
    // Messages never leak the in-memory root.
    for (const d of result.diagnostics) expect(d.message).not.toContain('__vibe_skills_typecheck__');
  });

  it('counts checked and opted-out blocks', () => {
    expect(result.perSkill.map((s) => s.blocks)).toEqual([8, 2, 2, 2, 1, 2]);
    expect(result.blocks).toBe(17);
    expect(result.optedOut).toBe(1);
  });

  it('writes nothing into the project', () => {
    expect(existsSync(path.join(project, '__vibe_skills_typecheck__'))).toBe(false);
  });
});

describe('typecheckSkills: stubs, projects and hostile blocks', () => {
  /** A project without DOM or packages: enough for blocks that import only stubs. */
  async function bareProject(name: string, compilerOptions: Record<string, unknown> = {}): Promise<string> {
    const dir = path.join(tmp, name);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022'], types: [], strict: true, paths: { '@/*': ['./src/*'] }, ...compilerOptions },
    }, null, 2));
    return dir;
  }

  it('reports errors inside a stub against the stub file', async () => {
    const dir = await bareProject('broken-stub');
    const brokenStubs = path.join(tmp, 'broken-stubs');
    await fs.mkdir(path.join(brokenStubs, 'src/lib'), { recursive: true });
    await fs.writeFile(path.join(brokenStubs, 'src/lib/email.ts'), 'export function send(to: string): number {\n  return to;\n}\n');
    const s = skill('uses-stub', [`${FENCE}ts`, "import { send } from '@/lib/email';", "send('a');", FENCE]);
    const result = await typecheckSkills([s], { project: dir, stubs: brokenStubs, cwd: tmp });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: 'broken-stubs/src/lib/email.ts', line: 2, column: 3 });
    expect(result.diagnostics[0]?.message).toMatch(/^TS2322: Type 'string' is not assignable to type 'number'\./);
  });

  it('never reads files outside the project, stubs and libraries', async () => {
    const dir = await bareProject('sandbox');
    const outside = path.join(tmp, 'outside');
    await fs.mkdir(outside, { recursive: true });
    await fs.writeFile(path.join(outside, 'secret.ts'), "export const secret = 'hunter2';\n");
    const secretPath = path.join(outside, 'secret').replace(/\\/g, '/');
    const s = skill('hostile', [
      `${FENCE}ts`,
      `/// <reference path="${secretPath}.ts" />`,
      `import { secret } from '${secretPath}';`,
      `import { secret as s2 } from '../../../../../../../../../../..${secretPath}';`,
      'const n: number = secret + s2;',
      FENCE,
    ]);
    const result = await typecheckSkills([s], { project: dir, cwd: tmp });
    const codes = result.diagnostics.map((d) => d.message.slice(0, 7));
    expect(codes).toContain('TS6053:'); // the referenced file "not found"
    expect(codes.filter((c) => c === 'TS2307:')).toHaveLength(2);
    for (const d of result.diagnostics) expect(d.message).not.toContain('hunter2');
  });

  it('reads no package.json or node_modules off the way up, and follows no link out of the project', async () => {
    const dir = await bareProject('sandbox-2', { resolveJsonModule: true });
    const outside = path.join(tmp, 'outside-2');
    await fs.mkdir(path.join(outside, 'deep/node_modules/x'), { recursive: true });
    await fs.writeFile(path.join(outside, 'package.json'), '{ "SECRET_FIELD_xyz": "1" }\n');
    await fs.writeFile(path.join(outside, 'deep/node_modules/x/data.json'), '{ "SECRET_DATA_abc": "1" }\n');
    await fs.writeFile(path.join(outside, 'secret.json'), '{ "SECRET_LINKED_def": "1" }\n');
    await fs.symlink('/', path.join(dir, 'rootlink'));
    const o = outside.replace(/\\/g, '/');
    const s = skill('hostile-2', [
      `${FENCE}ts`,
      `import p from '${o}/package.json';`,
      `import d from '${o}/deep/node_modules/x/data.json';`,
      `import l from '${dir.replace(/\\/g, '/')}/rootlink${o}/secret.json';`,
      'const n: number = p;',
      'const m: number = d;',
      'const k: number = l;',
      FENCE,
    ]);
    const result = await typecheckSkills([s], { project: dir, cwd: tmp });
    expect(result.diagnostics.filter((d) => d.message.startsWith('TS2307:'))).toHaveLength(3);
    for (const d of result.diagnostics) expect(d.message).not.toMatch(/SECRET_/);
  });

  it('reads no tsconfig it extends from outside the project or its packages', async () => {
    const outside = path.join(tmp, 'outside-3');
    await fs.mkdir(outside, { recursive: true });
    await fs.writeFile(path.join(outside, 'base.json'), '{ "compilerOptions": { "SECRET_OPTION_qq": 1 } }\n');
    const dir = path.join(tmp, 'extends-out');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(outside, 'base.json') }));
    const s = skill('extends-out', [`${FENCE}ts`, 'const n: number = 1;', FENCE]);
    const result = await typecheckSkills([s], { project: dir, cwd: tmp });
    expect(result.diagnostics.length).toBeGreaterThan(0); // the extended file is "not found"
    for (const d of result.diagnostics) expect(d.message).not.toContain('SECRET_OPTION');
  });

  it('contains garbage and compiler-breaking blocks to the block, and still checks the rest', async () => {
    const dir = await bareProject('garbage');
    // A long property chain: the parser reads it in a loop (a million levels parse), the checker
    // recurses once per `.b` and overflows the stack at a few thousand — with 4x the default stack
    // too. (It was `!!!…1` at a depth probed at run time; the parser recurses on `!` as well, so
    // the margin between "parses" and "checks" was too thin and the test failed on some runs.)
    const s = skill('garbage', [
      `${FENCE}ts`,
      '\u0000\u0001 }}}} ((( <<<>>> `${ @@@ #!/bin/sh rm -rf /',
      FENCE,
      '',
      `${FENCE}ts`,
      `const deepArray = ${'['.repeat(5000)}${']'.repeat(5000)};`,
      FENCE,
      '',
      `${FENCE}ts`,
      `const deepChain = (globalThis as any)${'.b'.repeat(20_000)};`,
      FENCE,
      '',
      `${FENCE}ts`,
      Array.from({ length: 60 }, (_, i) => `const v${i}: number = 'x';`).join('\n'),
      FENCE,
    ]);
    const fine = skill('fine', [`${FENCE}ts`, "const n: number = 'not a number';", FENCE]);
    const result = await typecheckSkills([s, fine], { project: dir, cwd: tmp });
    expect(result.diagnostics.every((d) => d.ruleId === 'typecheck' && d.severity === 'error')).toBe(true);
    const mine = of(result, s.file);
    expect(mine.some((d) => d.line === lineOf(s, '}}}} (((') && /^TS\d+:/.test(d.message))).toBe(true);
    expect(mine.find((d) => d.line === lineOf(s, 'deepArray') - 1)?.message).toMatch(/could not parse this code block \(Maximum call stack size exceeded\)/);
    expect(mine.find((d) => d.line === lineOf(s, 'deepChain') - 1)?.message).toMatch(/could not check \(or a block it imports\) this code block/);
    // A flood from one block is cut short and summarised.
    expect(mine.filter((d) => d.line >= lineOf(s, 'v0:') - 1)).toHaveLength(21);
    expect(mine.find((d) => d.line === lineOf(s, 'v0:') - 1)?.message).toBe('40 more TypeScript errors in this code block are not shown');
    // The other skill is still checked, and the broken blocks are not counted as checked.
    expect(of(result, fine.file)).toEqual([expect.objectContaining({ line: lineOf(fine, 'not a number'), message: expect.stringMatching(/^TS2322:/) })]);
    expect(result.perSkill.map((p) => p.blocks)).toEqual([2, 1]);
  });

  it('reports bad compiler options against tsconfig.json', async () => {
    const dir = await bareProject('bad-options', { module: 'ESNext', moduleResolution: 'NodeNext', jsx: 'not-a-mode' });
    const s = skill('x', [`${FENCE}ts`, 'export const a: number = 1;', FENCE]);
    const result = await typecheckSkills([s], { project: dir, cwd: tmp });
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.file === 'bad-options/tsconfig.json')).toBe(true);
    const messages = result.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain("'--jsx'");
    expect(messages).toMatch(/TS5110|TS5109/);
  });

  it('reports unreadable tsconfig.json, missing tsconfig, project and stubs folders', async () => {
    const s = skill('x', [`${FENCE}ts`, 'export const a = 1;', FENCE]);
    const badJson = path.join(tmp, 'bad-json');
    await fs.mkdir(badJson, { recursive: true });
    await fs.writeFile(path.join(badJson, 'tsconfig.json'), '{ "compilerOptions": { "strict": tru');
    const noConfig = path.join(tmp, 'no-config');
    await fs.mkdir(noConfig, { recursive: true });

    const json = await typecheckSkills([s], { project: badJson, cwd: tmp });
    expect(json.blocks).toBe(0);
    expect(json.diagnostics[0]).toMatchObject({ file: 'bad-json/tsconfig.json', line: 1 });

    const missingConfig = await typecheckSkills([s], { project: noConfig, cwd: tmp });
    expect(missingConfig.diagnostics).toEqual([expect.objectContaining({ file: 'no-config/tsconfig.json', message: expect.stringContaining('has no tsconfig.json') })]);

    const missingProject = await typecheckSkills([s], { project: 'nowhere', cwd: tmp });
    expect(missingProject.diagnostics).toEqual([expect.objectContaining({ file: 'nowhere', message: expect.stringContaining('does not exist') })]);

    const missingStubs = await typecheckSkills([s], { project: badJson, stubs: 'no-stubs', cwd: tmp });
    expect(missingStubs.diagnostics).toEqual([expect.objectContaining({ file: 'no-stubs', message: expect.stringContaining('stubs folder') })]);
    for (const r of [missingConfig, missingProject, missingStubs]) {
      expect(r.blocks).toBe(0);
      expect(r.diagnostics[0]?.hint).toBeTruthy();
      // Nothing was checked: the caller (the CLI exits 2) can tell this from findings in the skills.
      expect(r.unavailable).toBe(r.diagnostics[0]?.message);
    }
    expect(json.unavailable).toMatch(/^bad-json\/tsconfig\.json could not be read: /);
  });

  it('does nothing, and needs no project, when there is nothing to check', async () => {
    const s = skill('prose', [`${FENCE}ts nocheck`, 'anything(', FENCE, `${FENCE}bash`, 'ls', FENCE]);
    const result = await typecheckSkills([s], { project: 'does-not-exist', cwd: tmp });
    expect(result).toEqual({ diagnostics: [], blocks: 0, optedOut: 1, perSkill: [{ file: s.file, blocks: 0, optedOut: 1 }] });
  });
});

describe('finding TypeScript', () => {
  it('says to install typescript when none can be found', async () => {
    const empty = path.join(tmp, 'no-typescript');
    await fs.mkdir(empty, { recursive: true });
    const loaded = await loadTypeScript([empty]);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.message).toContain('needs TypeScript');
      expect(loaded.message).toContain(empty);
      expect(loaded.hint).toBe('Install it where the compiler is looked for (the --project folder, or with a project named in .vibe-skills.json the folder you run from): npm install --save-dev typescript@6, or @typescript/typescript6 beside TypeScript 7');
    }
  });

  it('prefers the project\'s own TypeScript, and says when it is unusable', async () => {
    const dir = path.join(tmp, 'old-typescript');
    await fs.mkdir(path.join(dir, 'node_modules/typescript'), { recursive: true });
    await fs.writeFile(path.join(dir, 'tsconfig.json'), '{}');
    await fs.writeFile(path.join(dir, 'node_modules/typescript/package.json'), JSON.stringify({ name: 'typescript', version: '4.9.5', main: 'index.cjs' }));
    await fs.writeFile(path.join(dir, 'node_modules/typescript/index.cjs'),
      "module.exports = { version: '4.9.5', createProgram() {}, parseJsonConfigFileContent() {} };\n");
    const s = skill('x', [`${FENCE}ts`, 'export const a = 1;', FENCE]);
    const result = await typecheckSkills([s], { project: dir, cwd: tmp });
    expect(result.blocks).toBe(0);
    expect(result.diagnostics).toEqual([expect.objectContaining({ file: 'old-typescript', message: expect.stringContaining('TypeScript 4.9.5') })]);
    expect(result.diagnostics[0]?.hint).toContain('npm install --save-dev typescript');
  });

  it('falls back to its own TypeScript', async () => {
    const loaded = await loadTypeScript([path.join(tmp, 'no-typescript'), path.join(repo, 'src/typecheck')]);
    expect(loaded.ok && loaded.version).toMatch(/^\d+\.\d+/);
  });
});
