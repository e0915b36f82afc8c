/**
 * The published type declarations, as a TypeScript consumer sees them: the package installed
 * as a copy (not a link into this repository, whose node_modules would answer every import),
 * its runtime dependencies and Node's types beside it, strict settings, `skipLibCheck: false`,
 * and no `typescript` package where the declarations could find one (the package does not
 * depend on it: the type check loads the user's own compiler).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../helpers/tmp.js';
import { REPO } from './repo-copy.js';

const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

let project: string;

beforeAll(async () => {
  project = await makeTree({
    'package.json': JSON.stringify({ type: 'module' }),
    'consumer.ts': [
      `import { validate, install, list, remove, type Diagnostic, type ValidateResult } from '${pkg.name}';`,
      'const result: ValidateResult = await validate({ paths: ["skills"] });',
      'const first: Diagnostic | undefined = result.diagnostics[0];',
      'export const summary = [result.errorCount, first?.ruleId, typeof install, typeof list, typeof remove];',
      '',
    ].join('\n'),
  });
  const installed = path.join(project, 'node_modules', pkg.name);
  await mkdir(installed, { recursive: true });
  await cp(path.join(REPO, 'dist'), path.join(installed, 'dist'), { recursive: true });
  await cp(path.join(REPO, 'package.json'), path.join(installed, 'package.json'));
  // The runtime dependencies, as npm would install them beside the package.
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    await mkdir(path.dirname(path.join(project, 'node_modules', dep)), { recursive: true });
    await symlink(path.join(REPO, 'node_modules', dep), path.join(project, 'node_modules', dep), 'dir');
  }
}, 120_000);

afterAll(async () => {
  await removeTree(project);
});

function tsc(compilerOptions: Record<string, unknown>, file = 'consumer.ts'): { code: number | null; out: string } {
  const config = path.join(project, `tsconfig.${String(compilerOptions.moduleResolution)}.json`);
  const options = { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', lib: ['es2022'], types: ['node'], ...compilerOptions };
  writeFileSync(config, JSON.stringify({ compilerOptions: options, files: [file] }));
  const r = spawnSync(process.execPath, [TSC, '-p', config], { cwd: project, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the published types', () => {
  it('check under module nodenext, with no typescript package in reach', () => {
    const r = tsc({ module: 'nodenext', moduleResolution: 'nodenext' });
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('check under moduleResolution bundler', () => {
    const r = tsc({ module: 'esnext', moduleResolution: 'bundler' });
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('name every type the exported functions take and return: a consumer can declare what it passes on', async () => {
    // With `declaration`, tsc must write the type of each value below into a .d.ts; a type the
    // package uses but does not export cannot be named from outside it (TS2883, "not portable"),
    // and a consumer could not annotate a variable or a parameter with it either.
    const calls = [
      'await lib.validate()', 'await lib.readSkill(x, x)', 'lib.parseSkillText(x, x)', 'lib.summarize(x)', 'lib.decodeSkillText(x)',
      'await lib.discoverSkills(x, x)', 'lib.splitFrontmatter(x)', 'lib.parseFrontmatterYaml(x, x)', 'lib.allRules',
      'lib.parseConfig(x, x, x)', 'lib.formatters', 'lib.getFormatter(x)', 'await lib.typecheckSkills(x, x)',
      'await lib.loadManifests(x, x)', 'lib.deriveManifests(x)', 'await lib.syncPlugin(x)', 'lib.syncPlugin',
      'await lib.install(x)', 'await lib.remove(x)', 'await lib.list(x)', 'lib.AGENTS', 'lib.skillFolderHash',
      'lib.parseLock', 'lib.serializeLock', 'lib.planInstall', 'lib.planInstall(x)', 'lib.readSkill', 'lib.discoverSkills',
      'lib.ownPluginSchema()', 'lib.claudePluginSchema()', 'lib.marketplaceSchema()',
    ];
    await writeFile(
      path.join(project, 'exports.ts'),
      [
        `import * as lib from '${pkg.name}';`,
        'declare const x: any;',
        ...calls.map((c, i) => `export const v${i} = ${c};`),
        // Parameter types, which a declaration of the function value alone does not spell out.
        'export type Params = [lib.ReadOptions, lib.DirEntry, lib.ReadDir, lib.SyncOptions, lib.CommonOptions, lib.PlanInput, lib.HashedFile, lib.SkillRuleContext, lib.SetRuleContext, lib.RepoRuleContext, lib.LintSettings];',
        '',
      ].join('\n'),
    );
    const r = tsc({ module: 'nodenext', moduleResolution: 'nodenext', noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: 'out' }, 'exports.ts');
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it("compile the README's Library examples", async () => {
    const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Library\n'), readme.indexOf('\n## ', readme.indexOf('\n## Library\n') + 1));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    // Each example in a module of its own (they import the same names).
    for (const [i, code] of blocks.entries()) {
      await writeFile(path.join(project, 'readme.ts'), `${code}\nexport {};\n`);
      const r = tsc({ module: 'nodenext', moduleResolution: 'nodenext' }, 'readme.ts');
      expect(r.out, `example ${i + 1}`).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it('control: a wrong use is an error, so the checks above did read the declarations', async () => {
    await writeFile(path.join(project, 'consumer.ts'), `import { validate } from '${pkg.name}';\nexport const n: number = await validate({ paths: ['skills'] });\n`);
    const r = tsc({ module: 'nodenext', moduleResolution: 'nodenext' });
    expect(r.out).toContain('TS2322');
    expect(r.code).not.toBe(0);
  });
});
