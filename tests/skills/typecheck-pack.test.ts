/**
 * The proof behind `npm run validate`: the shipped pack type-checks against the pinned
 * packages, and breaking one block (the Inngest 3 three-argument createFunction) fails it.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { makeTree, removeTree } from '../helpers/tmp.js';
import { spawnSync } from 'node:child_process';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const PROJECT = path.join(REPO, 'tests', 'typecheck-project');
let work: string;

beforeAll(async () => {
  const gen = spawnSync(process.execPath, [path.join(PROJECT, 'generate.mjs')], { encoding: 'utf8' });
  expect(gen.status, gen.stderr).toBe(0);
  work = await makeTree({});
  await cp(path.join(REPO, 'skills'), path.join(work, 'skills'), { recursive: true });
});
afterAll(async () => {
  if (work) await removeTree(work);
});

const args = ['validate', '--typecheck', '--project', PROJECT, '--stubs', path.join(PROJECT, 'stubs'), '--format', 'json'];

describe('validate --typecheck on the shipped pack', () => {
  it('compiles every block of every skill and its references cleanly', async () => {
    const r = await runCliAsync(args, { cwd: work });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { summary: { errors: number; typecheck?: { blocks: number; optedOut: number } }; diagnostics: Array<{ ruleId: string }> };
    expect(report.diagnostics.filter((d) => d.ruleId === 'typecheck')).toEqual([]);
    expect(report.summary.typecheck?.blocks).toBeGreaterThanOrEqual(30);
    expect(r.code).toBe(0);
  });

  it('fails on an Inngest 3 createFunction(options, trigger, handler), at the right SKILL.md line', async () => {
    const file = path.join(work, 'skills', 'background-jobs', 'SKILL.md');
    const original = await readFile(file, 'utf8');
    const broken = original.replace(
      /\{ id: "daily-session-cleanup", triggers: \{ cron: "([^"]+)" \} \},/,
      '{ id: "daily-session-cleanup" },\n  { cron: "$1" },',
    );
    expect(broken).not.toBe(original);
    await writeFile(file, broken);
    try {
      const r = await runCliAsync(args, { cwd: work });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { diagnostics: Array<{ ruleId: string; file: string; line: number; message: string }> };
      const errors = report.diagnostics.filter((d) => d.ruleId === 'typecheck');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]!.file).toBe('skills/background-jobs/SKILL.md');
      expect(errors.map((e) => e.message).join('\n')).toMatch(/TS2554|Expected 2 arguments|argument/);
      const lines = broken.split('\n');
      const start = lines.findIndex((l) => l.includes('export const dailyCleanup'));
      expect(errors[0]!.line).toBeGreaterThan(start);
      expect(errors[0]!.line).toBeLessThan(start + 12);
    } finally {
      await writeFile(file, original);
    }
  });
});
