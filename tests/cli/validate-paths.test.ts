/**
 * Paths in every report format, on POSIX (where these tests run): a `\` is an ordinary character
 * of a file name and a top folder can be named `C:`. Real folders, the built CLI.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/lint/formatters/json.js';
import type { SarifLog } from '../../src/lint/formatters/sarif.js';
import { sarifSchemaErrors } from '../formatters/sarif-schema.js';
import { runCli } from '../helpers/cli.js';
import { useTempTrees } from '../helpers/tmp.js';

const tree = useTempTrees();

/** A skill with an invalid name: an error (name-format) at 2:7 of its SKILL.md, wherever it sits. */
const badName = '---\nname: Bad_Name\ndescription: Formats release notes from merged pull requests. Use when the user asks for a changelog.\n---\n\n# x\n\nSteps.\n';

function report(cwd: string, format: string, ...paths: string[]) {
  const r = runCli(['validate', '--format', format, ...paths], { cwd });
  expect(r.stderr, format).toBe('');
  expect(r.code, format).toBe(1);
  return r.stdout;
}

/** The files of the results, each URI resolved as code scanning does (against %SRCROOT%) to a path. */
function sarifFiles(cwd: string, ...paths: string[]): { uris: string[]; files: string[] } {
  const log = JSON.parse(report(cwd, 'sarif', ...paths)) as SarifLog;
  expect(sarifSchemaErrors(log)).toBe('');
  const run = log.runs[0];
  const base = run.originalUriBaseIds['%SRCROOT%']!.uri;
  expect(fileURLToPath(base)).toBe(`${cwd}/`);
  const locations = run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
  return {
    uris: locations.map((l) => l.uri),
    files: locations.map((l) => fileURLToPath(l.uriBaseId === undefined ? l.uri : new URL(l.uri, base))),
  };
}

describe('validate: a \\ in a POSIX file name is part of the name', () => {
  it('every format names the file as it is on disk, and its SARIF URI (%5C) resolves to it', async () => {
    // The working directory's own name holds a `\` too: %SRCROOT% must still resolve to it.
    const root = await tree({ 'w\\ork/skills/a\\b/SKILL.md': badName, 'w\\ork/skills/c\\d/skill.md': badName });
    const cwd = path.join(root, 'w\\ork');
    const skill = 'skills/a\\b/SKILL.md';
    const lowercase = 'skills/c\\d/skill.md';

    const stylish = report(cwd, 'stylish');
    expect(stylish.split('\n').filter((line) => /^\S.*\.md$/u.test(line)).sort()).toEqual([skill, lowercase].sort());

    const json = JSON.parse(report(cwd, 'json')) as JsonReport;
    expect(new Set(json.diagnostics.map((d) => d.file))).toEqual(new Set([skill, lowercase]));
    expect(json.diagnostics.find((d) => d.ruleId === 'skill-file-name')?.file).toBe(lowercase);

    const github = report(cwd, 'github');
    expect(github).toContain(`::error file=${skill},line=2,col=7,title=name-format::`);
    expect(github).toContain(`file=${lowercase},`);

    const { uris, files } = sarifFiles(cwd);
    expect(new Set(uris)).toEqual(new Set(['skills/a%5Cb/SKILL.md', 'skills/c%5Cd/skill.md']));
    expect(new Set(files)).toEqual(new Set([path.join(cwd, skill), path.join(cwd, lowercase)]));
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('a skill outside the working directory gets an absolute file URI that keeps the \\', async () => {
    const root = await tree({ 'a\\b #1/SKILL.md': badName });
    const cwd = path.join(root, 'elsewhere');
    await mkdir(cwd);
    const skill = path.join(root, 'a\\b #1', 'SKILL.md');

    expect(report(cwd, 'stylish', '../a\\b #1').split('\n')[0]).toBe(skill);
    expect((JSON.parse(report(cwd, 'json', '../a\\b #1')) as JsonReport).diagnostics[0]!.file).toBe(skill);
    const { uris, files } = sarifFiles(cwd, '../a\\b #1');
    expect(uris[0]).toMatch(/^file:\/\/\/.*\/a%5Cb%20%231\/SKILL\.md$/u);
    expect(new Set(files)).toEqual(new Set([skill]));
    expect(existsSync(skill)).toBe(true);
  });
});

describe('validate: a top folder named C: on POSIX is a folder, not a drive', () => {
  it('gives a relative URI under %SRCROOT% that resolves to the file, and names it C:/… elsewhere', async () => {
    const cwd = await tree({ 'C:/skills/x/SKILL.md': badName });
    const skill = 'C:/skills/x/SKILL.md';

    const { uris, files } = sarifFiles(cwd);
    expect(new Set(uris)).toEqual(new Set(['C%3A/skills/x/SKILL.md']));
    expect(new Set(files)).toEqual(new Set([path.join(cwd, skill)]));
    expect(existsSync(files[0]!)).toBe(true);

    expect(report(cwd, 'stylish').split('\n')[0]).toBe(skill);
    expect((JSON.parse(report(cwd, 'json')) as JsonReport).diagnostics.map((d) => d.file)).toContain(skill);
    expect(report(cwd, 'github')).toContain('::error file=C%3A/skills/x/SKILL.md,line=2,col=7,title=name-format::');
  });

  it('the same when the folder is named on the command line', async () => {
    const cwd = await tree({ 'C:/skills/x/SKILL.md': badName });
    const { uris, files } = sarifFiles(cwd, 'C:/skills/x');
    expect(new Set(uris)).toEqual(new Set(['C%3A/skills/x/SKILL.md']));
    expect(new Set(files)).toEqual(new Set([path.join(cwd, 'C:/skills/x/SKILL.md')]));
  });
});
