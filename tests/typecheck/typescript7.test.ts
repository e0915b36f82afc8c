/**
 * TypeScript 7 is the native compiler and npm's `latest`: its `typescript` package has no
 * JavaScript compiler API. These tests install the real TypeScript 7 and the real
 * `@typescript/typescript6` (the API Microsoft publishes to sit beside it) into the tools
 * cache, and lay out project folders the ways a user can have them.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBody } from '../../src/skill/markdown.js';
import { typecheckSkills, type TypecheckInputSkill } from '../../src/typecheck/index.js';
import { loadTypeScript } from '../../src/typecheck/typescript.js';
import { ensureNpmTool, TYPESCRIPT6_API_VERSION, TYPESCRIPT7_VERSION } from '../helpers/external-tools.js';
import { removeTree } from '../helpers/tmp.js';

const FENCE = '```';

const markdown = ['---', 'name: demo', 'description: test', '---', `${FENCE}ts`, 'export const n: number = "one";', FENCE, ''].join('\n');
const demo: TypecheckInputSkill = { file: 'skills/demo/SKILL.md', name: 'demo', codeBlocks: analyzeBody(markdown, 1).codeBlocks };

let tmp: string;
/** The installed packages: `<prefix>/node_modules/<name>`. */
let native: string;
let api: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'vibe-skills-test-ts7-'));
  const [nativePrefix, apiPrefix] = await Promise.all([ensureNpmTool('typescript', TYPESCRIPT7_VERSION), ensureNpmTool('@typescript/typescript6', TYPESCRIPT6_API_VERSION)]);
  native = path.join(nativePrefix, 'node_modules/typescript');
  api = path.join(apiPrefix, 'node_modules/@typescript/typescript6');
}, 600_000);

afterAll(async () => {
  await removeTree(tmp);
});

/** A project folder whose node_modules links each name to an installed package. */
async function project(name: string, packages: Record<string, string>): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.mkdir(path.join(dir, 'node_modules/@typescript'), { recursive: true });
  await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022' } }));
  for (const [pkg, target] of Object.entries(packages)) await fs.symlink(target, path.join(dir, 'node_modules', pkg), 'dir');
  return dir;
}

describe('a project on TypeScript 7', () => {
  it('with TypeScript 7 alone: says the native compiler has no API, and what to install beside it', async () => {
    const dir = await project('native-only', { typescript: native });
    const result = await typecheckSkills([demo], { project: dir, cwd: tmp });
    expect(result.blocks).toBe(0);
    expect(result.diagnostics).toEqual([expect.objectContaining({
      file: 'native-only',
      message: expect.stringMatching(new RegExp(`^TypeScript ${TYPESCRIPT7_VERSION.replace(/\./g, '\\.')} at .* is the native compiler, which has no JavaScript compiler API`)),
      hint: 'Install the TypeScript 6 API beside it: npm install --save-dev @typescript/typescript6',
    })]);
    expect(result.unavailable).toBe(result.diagnostics[0]?.message);
  });

  it('with @typescript/typescript6 beside it: compiles the blocks with that API', async () => {
    const dir = await project('side-by-side', { typescript: native, '@typescript/typescript6': api });
    const result = await typecheckSkills([demo], { project: dir, cwd: tmp });
    expect(result.blocks).toBe(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ file: demo.file, line: 6, message: expect.stringContaining('TS2322') })]);
  });

  it('with typescript aliased to @typescript/typescript6: compiles the blocks', async () => {
    const dir = await project('aliased', { typescript: api, '@typescript/native': native });
    const result = await typecheckSkills([demo], { project: dir, cwd: tmp });
    expect(result.blocks).toBe(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ file: demo.file, line: 6, message: expect.stringContaining('TS2322') })]);
  });

  it('with only @typescript/typescript6: loads it (and not the fallback compiler)', async () => {
    const dir = await project('api-only', { '@typescript/typescript6': api });
    const loaded = await loadTypeScript([dir]);
    expect(loaded.ok && { version: loaded.version, path: loaded.path }).toEqual({
      version: expect.stringMatching(/^6\./),
      path: expect.stringContaining(`${path.sep}@typescript${path.sep}typescript6${path.sep}`),
    });
  });
});
