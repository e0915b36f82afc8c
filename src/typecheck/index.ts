/**
 * `validate --typecheck`: the TypeScript blocks of every skill compiled by the real
 * compiler against the real packages of a project folder, in one program for the whole
 * pack. Each skill gets its own in-memory root inside the project, so two skills may both
 * define `src/lib/db.ts`. TypeScript is loaded only when this runs.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CodeBlock } from '../skill/model.js';
import { displayPath } from '../skill/read.js';
import { compareDiagnostics, type Diagnostic } from '../types.js';
import { newBudget, planSkill, type SkillPlan } from './blocks.js';
import { mapDiagnostics, type BlockOrigin } from './diagnostics.js';
import { createHost, type VirtualFile } from './host.js';
import { matchAlias, readProject, toSlash } from './project.js';
import { checkPrograms, unparsable } from './program.js';
import { loadTypeScript, ownDirectory } from './typescript.js';
import { append } from '../append.js';

export { CHECKED_LANGS, LIMITS, isOptedOut, namedPath } from './blocks.js';

export interface TypecheckInputSkill {
  /** Display path of SKILL.md. */
  file: string;
  /** Skill name or folder. */
  name: string;
  codeBlocks: CodeBlock[];
}

export interface TypecheckOptions {
  /** Folder with tsconfig.json; packages resolve from it (node_modules walk-up). */
  project: string;
  /** Folder overlaid as app files (`<stubs>/src/lib/email.ts` answers `@/lib/email`). */
  stubs?: string;
  cwd: string;
  /**
   * Where the TypeScript compiler is loaded from (default: `project`). Loading it runs its
   * code, so it must be a folder the user chose (the command line, the working folder),
   * never one the validated files name: a repository's config could point at a fake
   * `node_modules/typescript` of its own.
   */
  compilerFrom?: string;
}

export interface TypecheckResult {
  /** ruleId `typecheck`, severity `error`; positions in the SKILL.md for block errors. */
  diagnostics: Diagnostic[];
  /** Blocks handed to the compiler. */
  blocks: number;
  /** Blocks skipped with `nocheck`. */
  optedOut: number;
  perSkill: Array<{ file: string; blocks: number; optedOut: number }>;
  /**
   * Set when there were blocks to check but the check could not run at all: no project folder,
   * no or unreadable tsconfig.json, no stubs folder, no usable TypeScript. The same problem is
   * also one of `diagnostics` (with its fix); the CLI exits 2 for it, as for other set-up errors,
   * because nothing was checked.
   */
  unavailable?: string;
}

/** Parent folder of the skills' virtual roots, inside the project so node_modules resolve. */
const VIRTUAL_DIR = '__vibe_skills_typecheck__';

/** What is at `p`, following links: a folder, a regular file, something else, a link loop, or nothing. */
function kindOf(p: string): 'folder' | 'file' | 'other' | 'loop' | 'missing' {
  try {
    const st = statSync(p);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'missing';
  }
}

/** "does not exist", "is a loop of symbolic links", "is not a folder": why `kind` is not a folder. */
function notAFolder(kind: ReturnType<typeof kindOf>): string {
  return kind === 'missing' ? 'does not exist' : kind === 'loop' ? 'is a loop of symbolic links' : 'is not a folder';
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40) || 'skill';
}

function blockProblem(origin: BlockOrigin, message: string, hint: string): Diagnostic {
  return { ruleId: 'typecheck', severity: 'error', message, file: origin.skillFile, line: origin.block.line, column: origin.block.column, hint };
}

function problem(file: string, message: string, hint: string): Diagnostic {
  return { ruleId: 'typecheck', severity: 'error', message, file, line: 0, column: 0, hint };
}

/** The result of a check that could not run: `setup` is the problem, added to the diagnostics. */
function notRun(skills: readonly TypecheckInputSkill[], plans: readonly SkillPlan[], diagnostics: Diagnostic[], setup: Diagnostic): TypecheckResult {
  diagnostics.push(setup);
  return { ...summarize(skills, plans, undefined, diagnostics), unavailable: setup.message };
}

function summarize(skills: readonly TypecheckInputSkill[], plans: readonly SkillPlan[], checked: readonly number[] | undefined, diagnostics: Diagnostic[]): TypecheckResult {
  const perSkill = skills.map((skill, i) => ({
    file: skill.file,
    blocks: checked?.[i] ?? 0,
    optedOut: plans[i]?.optedOut ?? 0,
  }));
  return {
    diagnostics: [...diagnostics].sort(compareDiagnostics),
    blocks: perSkill.reduce((n, s) => n + s.blocks, 0),
    optedOut: perSkill.reduce((n, s) => n + s.optedOut, 0),
    perSkill,
  };
}

export async function typecheckSkills(skills: TypecheckInputSkill[], options: TypecheckOptions): Promise<TypecheckResult> {
  const cwd = path.resolve(options.cwd);
  const projectDir = toSlash(path.resolve(cwd, options.project));
  const stubsDir = options.stubs === undefined ? undefined : toSlash(path.resolve(cwd, options.stubs));
  const display = (abs: string): string => displayPath(abs, cwd);
  const projectDisplay = display(projectDir);
  const configPath = `${projectDir}/tsconfig.json`;

  const budget = newBudget();
  const plans = skills.map((skill) => planSkill(skill.file, skill.codeBlocks, budget));
  const diagnostics = plans.flatMap((plan) => plan.diagnostics);
  // Nothing to compile: do not load TypeScript or insist on a project.
  if (plans.every((plan) => plan.files.length === 0)) return summarize(skills, plans, undefined, diagnostics);

  const projectKind = kindOf(projectDir);
  if (projectKind !== 'folder') {
    return notRun(skills, plans, diagnostics, problem(projectDisplay, `type-check project folder ${projectDisplay} ${notAFolder(projectKind)}`,
      'Name a folder that has a tsconfig.json and the packages the skills import installed in node_modules'));
  }
  const configKind = kindOf(configPath);
  if (configKind !== 'file') {
    const options = 'the compiler options of the app the skills target (e.g. strict, jsx, paths for `@/*`)';
    return notRun(skills, plans, diagnostics, configKind === 'missing'
      ? problem(display(configPath), `type-check project ${projectDisplay} has no tsconfig.json`, `Add a tsconfig.json with ${options}`)
      : problem(display(configPath), `${display(configPath)} is not a regular file`, `Replace it with a JSON file of ${options}`));
  }
  if (stubsDir !== undefined) {
    const stubsKind = kindOf(stubsDir);
    if (stubsKind !== 'folder') {
      return notRun(skills, plans, diagnostics, problem(display(stubsDir), `stubs folder ${display(stubsDir)} ${notAFolder(stubsKind)}`,
        'Create it, or leave the stubs option out'));
    }
  }

  const loaded = await loadTypeScript([options.compilerFrom === undefined ? projectDir : path.resolve(cwd, options.compilerFrom), ownDirectory()]);
  if (!loaded.ok) return notRun(skills, plans, diagnostics, problem(projectDisplay, loaded.message, loaded.hint));
  const ts = loaded.ts;

  const project = readProject(ts, projectDir);
  const configDisplay = display(project.configPath);
  const ctx = {
    ts,
    origins: new Map<string, BlockOrigin>(),
    display,
    configDisplay,
    projectDisplay,
    stubsDisplay: stubsDir === undefined ? undefined : display(stubsDir),
    isAlias: (name: string) => matchAlias(project.aliases, name).length > 0,
  };
  const configProblems = mapDiagnostics(project.diagnostics, ctx);
  append(diagnostics, configProblems);
  // Unreadable JSON (here or in a config it extends) leaves no options to check with; anything
  // else still compiles.
  if (project.fatal) {
    return { ...summarize(skills, plans, undefined, diagnostics), unavailable: `${configProblems[0]?.file || configDisplay} could not be read${configProblems[0] ? `: ${configProblems[0].message}` : ''}` };
  }

  const virtualDir = `${projectDir}/${VIRTUAL_DIR}`;
  const skillRoots = skills.map((skill, i) => `${virtualDir}/${i}-${slug(skill.name)}`);
  const files = new Map<string, VirtualFile>();
  plans.forEach((plan, i) => {
    const root = skillRoots[i] ?? `${virtualDir}/${i}`;
    const skillFile = skills[i]?.file ?? '';
    for (const planned of plan.files) {
      const filePath = `${root}/${planned.relPath}`;
      files.set(filePath, { path: filePath, text: planned.block.code, skill: i });
      ctx.origins.set(filePath, { skillFile: planned.block.file ?? skillFile, block: planned.block, rootPrefix: `${root}/` });
    }
  });

  // Crashes of the compiler are contained per block and per skill (program.ts); this catch
  // is for anything else, so the caller still gets data rather than a stack trace.
  try {
    const crashed = (filePath: string, error: string, what: string): void => {
      const origin = ctx.origins.get(filePath);
      if (!origin) return;
      diagnostics.push(blockProblem(origin, `TypeScript ${loaded.version} could not ${what} this code block (${error})`,
        'Simplify the code (deep nesting is the usual cause), or mark the fence `nocheck`'));
    };
    for (const [filePath, error] of unparsable(ts, files.values(), project.options.target)) {
      crashed(filePath, error, 'parse');
      files.delete(filePath);
    }
    const host = createHost({ ts, options: project.options, projectDir, stubsDir, virtualDir, skillRoots, files, aliases: project.aliases });
    const outcome = checkPrograms(ts, host, project.options, files);
    append(diagnostics, mapDiagnostics(outcome.diagnostics, ctx));
    for (const [filePath, error] of outcome.failedFiles) {
      crashed(filePath, error, 'check (or a block it imports)');
      files.delete(filePath);
    }
    const checked = skills.map(() => 0);
    for (const file of files.values()) checked[file.skill] = (checked[file.skill] ?? 0) + 1;
    for (const [skill, error] of outcome.failedSkills) {
      checked[skill] = 0;
      const first = plans[skill]?.files[0];
      const skillFile = skills[skill]?.file;
      if (first && skillFile !== undefined) {
        diagnostics.push(blockProblem({ skillFile, block: first.block, rootPrefix: '' },
          `TypeScript ${loaded.version} could not check the code blocks of this skill together (${error})`,
          'Check the blocks one by one by marking the others `nocheck`, then simplify or opt out the one that breaks it'));
      }
    }
    return summarize(skills, plans, checked, diagnostics);
  } catch (error) {
    diagnostics.push(problem(configDisplay,
      `TypeScript ${loaded.version} failed while checking the code blocks: ${error instanceof Error ? error.message : String(error)}`,
      'Type-check the skills one at a time to find the block that triggers it, and mark that fence `nocheck`'));
    return summarize(skills, plans, undefined, diagnostics);
  }
}
