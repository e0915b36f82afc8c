/**
 * `install()`: the library form of `vibe-skills install`. Reads (source, targets, lock), plans
 * (pure), applies (atomic), records (lock file). Returns data; never prints, never exits.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { nameProblems } from '../lint/rules/name-format.js';
import { compareDiagnostics, type Diagnostic } from '../types.js';
import { CANONICAL_PROJECT_DIR, groupTargets, type Environment, type Scope, type TargetFolder } from './agents.js';
import { applyItems, cleanLockTemps, recoverFolder, testPause, writeFileAtomic, type RecoveryAction } from './apply.js';
import { checkNameList, checkNow, chooseAgents, detectAgents, environment, lockFolders, lockPathFor, lockScope, lockWriteDiagnostic, readLockFile, showPath, stampOf, type CommonOptions } from './context.js';
import { InstallError } from './errors.js';
import type { Mutex } from './mutex.js';
import { serializeLock, withEntry, type LockFile } from './lock.js';
import { planInstall, type Action, type LockChange, type PlanItem, type PlanSkill, type PlanTarget } from './plan.js';
import { loadCatalog, selectSkills, type Catalog } from './source.js';
import { packageRoot } from '../version.js';
import { mergeSameFolders, readFolderState, readInstalled, type FolderState, type InstalledState } from './target.js';
import { readSourceTree, type SourceTree } from './tree.js';
import { claimSources, projectDependencies, type ProjectDependencies } from './version-fit.js';
import { append } from '../append.js';

/**
 * A source inside npx's cache (`<npm cache>/_npx/<hash>/node_modules/...`, where `npx -p
 * vibe-coding-plugin vibe-skills install` runs from) is recorded in the lock file like any
 * other, but npm deletes that folder when it pleases; `list` then cannot check the skills.
 */
function transientSource(root: string, builtIn: boolean, e: Environment): Diagnostic[] {
  if (!root.split(path.sep).includes('_npx')) return [];
  return [{
    ruleId: 'install-source',
    severity: 'warning',
    message: "the source is in npx's temporary cache: the lock file records a folder npm may delete, after which `vibe-skills list` cannot check these skills",
    file: showPath(root, e),
    line: 0,
    column: 0,
    hint: builtIn
      ? 'install the package in the project (npm install --save-dev vibe-coding-plugin) and run vibe-skills from there'
      : 'install from a folder that stays',
  }];
}

export interface InstallOptions extends CommonOptions {
  /** Skill names (the frontmatter `name`). */
  skills: readonly string[];
  /** A local skill repository, skills folder or skill folder. Default: this package's skills. */
  from?: string;
  /** Agent ids (`claude-code`, `codex`...). Default: the agents whose folders exist. */
  agents?: readonly string[];
  /** Install into the agents' global (home) folders instead of the project. */
  global?: boolean;
  /** Also install the skills these compose with. */
  withDeps?: boolean;
  /** One shared copy in `.agents/skills`, linked from the other agents' folders. */
  symlink?: boolean;
  /** Plan only: change nothing. */
  dryRun?: boolean;
  /** Replace locally modified or foreign folders (they are kept as backups). */
  force?: boolean;
  /** Clock, for backup names and the global lock's timestamps. */
  now?: Date;
}

export interface InstallItemResult extends PlanItem {
  /** What happened (with dryRun: what would happen). */
  outcome: Action | 'failed';
  error?: string;
  /** In place, but the previous version could not be cleared away: what is left and where. */
  warning?: string;
}

export interface InstallResult {
  /** False when anything failed, conflicted or was refused, or the skills did not validate. */
  ok: boolean;
  dryRun: boolean;
  scope: Scope;
  /** The folder installed from (recorded in the lock file). */
  source: string;
  /** True when the source is this package's own skill pack (no `from`). */
  builtIn: boolean;
  /** Skills installed, requested ones first. */
  skills: string[];
  /** Skills added by withDeps. */
  dependencies: string[];
  agents: string[];
  /** Agents left out because they have no folder in this scope (Eve and PromptScript have no global one). */
  skippedAgents: string[];
  items: InstallItemResult[];
  /** Validation problems of the chosen skills, refusals of their contents, version-fit warnings. */
  diagnostics: Diagnostic[];
  lockFile: string;
  lockChanges: LockChange[];
  /** Leftovers of an interrupted run, cleaned up first. */
  recovered: RecoveryAction[];
  /** True when something on disk changed (with dryRun: would change). */
  changed: boolean;
}

/** A valid skill name: also a safe folder name (no separators, no dots). */
const validName = (n: string): boolean => nameProblems(n).length === 0;

function skillDiagnosticPrefix(docFile: string): string {
  const dir = path.posix.dirname(docFile);
  return dir === '.' ? '' : `${dir}/`;
}

/**
 * Lint the source's skills as a set (so cross-references between them resolve) under the
 * source repository's own configuration, and keep what concerns the chosen skills. The set is
 * the catalog, not the whole tree: copies already installed in the source's agent folders
 * would otherwise count as duplicates of the skills they are copies of.
 */
async function validateSelected(catalog: Catalog, names: readonly string[], cwd: string): Promise<Diagnostic[]> {
  const { validate } = await import('../validate.js');
  const config = path.join(catalog.root, '.vibe-skills.json');
  const hasConfig = (await stat(config).catch(() => undefined))?.isFile() === true;
  const dirs = [...catalog.skills.values()].map((s) => s.doc.dir);
  const result = await validate({ paths: dirs, cwd, config: hasConfig ? config : false });
  const prefixes = names.map((n) => skillDiagnosticPrefix(catalog.skills.get(n)!.doc.file));
  return result.diagnostics.filter((d) => prefixes.some((p) => p === '' || d.file.startsWith(p)));
}

/** Checks the installer makes itself, whatever the linter's configuration says. */
function safetyDiagnostics(catalog: Catalog, name: string): Diagnostic[] {
  const { doc } = catalog.skills.get(name)!;
  const out: Diagnostic[] = [];
  const field = doc.frontmatter.fields.find((f) => f.key === 'name');
  const pos = field?.valuePos ?? { line: 1, column: 1 };
  const fmError = doc.frontmatter.error;
  if (doc.readProblem !== undefined) {
    out.push({ ruleId: 'install-safety', severity: 'error', message: doc.readProblem.message, file: doc.file, line: 0, column: 0, hint: doc.readProblem.hint ?? 'fix SKILL.md' });
  } else if (fmError !== undefined && doc.frontmatter.fields.length === 0) {
    // Nothing of the frontmatter was read, so there is no name to check (nor one to install under).
    out.push({
      ruleId: 'install-safety',
      severity: 'error',
      message: `no name to install the skill under: its frontmatter could not be read (${fmError.message})`,
      file: doc.file,
      line: fmError.pos.line,
      column: fmError.pos.column,
      hint: fmError.hint ?? 'fix the frontmatter between the --- lines',
    });
  } else if (typeof doc.frontmatter.data.name !== 'string' || !validName(name)) {
    out.push({
      ruleId: 'install-safety',
      severity: 'error',
      message: `skill name ${JSON.stringify(name)} is not a valid folder name (lowercase letters, digits and single hyphens, at most 64)`,
      file: doc.file,
      line: pos.line,
      column: pos.column,
      hint: 'set `name:` in the frontmatter to the folder name, e.g. `name: my-skill`',
    });
  } else if (name !== doc.folderName) {
    out.push({
      ruleId: 'install-safety',
      severity: 'error',
      // The folder name is whatever is on disk: quoted as JSON, offered as the name only if valid.
      message: `skill name "${name}" differs from its folder ${JSON.stringify(doc.folderName)}`,
      file: doc.file,
      line: pos.line,
      column: pos.column,
      hint: validName(doc.folderName) ? `rename the folder to ${name}, or set \`name: ${doc.folderName}\`` : `rename the folder to ${name}`,
    });
  }
  return out;
}

async function readProjectDeps(cwd: string): Promise<ProjectDependencies | null> {
  try {
    return projectDependencies(JSON.parse(await readFile(path.join(cwd, 'package.json'), 'utf8')));
  } catch {
    return null;
  }
}

/**
 * The folders to write to: one per distinct real folder, or, with symlink, the shared one plus
 * links. An agent folder that is the shared folder under another name needs no link: it is
 * merged into it.
 */
async function planTargets(agents: readonly string[], scope: Scope, symlink: boolean, e: ReturnType<typeof environment>): Promise<{ folders: Array<TargetFolder & { mode: 'copy' | 'link' }>; unsupported: string[] }> {
  const { targets, unsupported } = groupTargets(agents, scope, e);
  // No agent with a folder here (eve, promptscript have no global one): no shared copy either,
  // which no requested agent would read; the caller's error says so.
  if (!symlink || targets.length === 0) return { folders: (await mergeSameFolders(targets)).map((t) => ({ ...t, mode: 'copy' as const })), unsupported };
  const base = scope === 'project' ? e.cwd : e.home;
  const canonicalDir = path.join(base, ...CANONICAL_PROJECT_DIR.split('/'));
  const shared = targets.find((t) => t.dir === canonicalDir);
  const canonical = { dir: canonicalDir, root: base, agents: shared?.agents ?? [], mode: 'copy' as const };
  const links = targets.filter((t) => t.dir !== canonicalDir).map((t) => ({ ...t, mode: 'link' as const }));
  return { folders: await mergeSameFolders([canonical, ...links]), unsupported };
}

export async function install(options: InstallOptions): Promise<InstallResult> {
  checkNameList(options?.skills, 'skills', true);
  checkNameList(options.agents, 'agents', false);
  checkNow(options.now);
  const e = environment(options);
  const scope: Scope = options.global === true ? 'global' : 'project';
  const dryRun = options.dryRun === true;
  const now = options.now ?? new Date();
  if (options.skills.length === 0) throw new InstallError('name at least one skill to install', 'e.g. vibe-skills install background-jobs');

  const catalog = await loadCatalog(options.from ?? packageRoot(), e.cwd);
  const selection = selectSkills(catalog, options.skills, options.withDeps === true, e.cwd);
  const agents = await chooseAgents(options.agents, scope, e);
  const lockFile = lockPathFor(scope, e);
  const result: InstallResult = {
    ok: false,
    dryRun,
    scope,
    source: catalog.root,
    builtIn: options.from === undefined,
    skills: selection.names,
    dependencies: selection.dependencies,
    agents,
    skippedAgents: [],
    items: [],
    diagnostics: [...selection.diagnostics, ...transientSource(catalog.root, options.from === undefined, e)],
    lockFile,
    lockChanges: [],
    recovered: [],
    changed: false,
  };
  const finish = (): InstallResult => {
    result.diagnostics.sort(compareDiagnostics);
    const failed = result.items.some((i) => i.outcome === 'conflict' || i.outcome === 'refused' || i.outcome === 'failed');
    result.ok = !failed && !result.diagnostics.some((d) => d.severity === 'error');
    return result;
  };

  // 1. Only valid, safe skills: validate, then read each one fully into memory.
  const show = (p: string) => showPath(p, e);
  append(result.diagnostics, await validateSelected(catalog, selection.names, e.cwd));
  for (const name of selection.names) append(result.diagnostics, safetyDiagnostics(catalog, name));
  if (result.diagnostics.some((d) => d.severity === 'error')) return finish();
  const trees = new Map<string, SourceTree>();
  for (const name of selection.names) {
    const { doc } = catalog.skills.get(name)!;
    const read = await readSourceTree(doc.dir);
    if ('problems' in read) {
      for (const p of read.problems) {
        result.diagnostics.push({ ruleId: 'install-source', severity: 'error', message: `${p.path === '' ? doc.folderName : p.path}: ${p.message}`, file: show(path.join(doc.dir, p.path)), line: 0, column: 0, hint: p.hint });
      }
    } else trees.set(name, read.tree);
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) return finish();

  // 2. Where to.
  const { folders, unsupported } = await planTargets(agents, scope, options.symlink === true, e);
  result.skippedAgents = unsupported;
  if (folders.length === 0) throw new InstallError(`${agents.join(', ')} ${agents.length === 1 ? 'has' : 'have'} no global skills folder`, 'install into the project instead (without --global)');

  // The other agents' folders in the scope, when --agent narrowed the choice: untouched copies
  // there follow an update (the lock records one version per skill).
  const others = options.agents !== undefined && options.agents.length > 0
    ? await mergeSameFolders(groupTargets((await detectAgents(scope, e)).filter((a) => !agents.includes(a)), scope, e).targets)
    : [];
  const mutex = dryRun ? undefined : await lockScope(lockFile, e, options.onWait);
  let folderMutex: Mutex | undefined;
  try {
    folderMutex = dryRun ? undefined : await lockFolders([...folders, ...others.map((t) => ({ ...t, existingOnly: true }))], e, options.onWait);
    if (!dryRun) result.recovered.push(...(await cleanLockTemps(lockFile)));
    const stamp = stampOf(now);
    const states: Array<{ folder: FolderState; target: (typeof folders)[number] }> = [];
    for (const t of folders) {
      let folder = await readFolderState(t.dir, t.root);
      if (!dryRun && folder.refused === undefined && folder.leftovers.length > 0) {
        result.recovered.push(...(await recoverFolder(folder, stamp)));
        folder = await readFolderState(t.dir, t.root);
      }
      states.push({ folder, target: t });
    }
    const canonicalReal = states[0]?.folder.realDir;
    const planTargetsInput: PlanTarget[] = [];
    for (const { folder, target } of states) {
      const existing = new Map<string, InstalledState>();
      if (folder.refused === undefined && folder.exists) {
        for (const name of selection.names) existing.set(name, await readInstalled(path.join(folder.dir, name)));
      }
      const pt: PlanTarget = { folder, agents: target.agents, mode: target.mode, existing };
      if (target.mode === 'link' && canonicalReal !== undefined) pt.canonicalRealDir = canonicalReal;
      planTargetsInput.push(pt);
    }
    if (others.length > 0) {
      // Compared by real path: a folder that is a chosen one under another name is already done.
      const chosenReals = new Set(states.map((s) => s.folder.realDir));
      for (const t of others) {
        const folder = await readFolderState(t.dir, t.root);
        if (chosenReals.has(folder.realDir)) continue;
        if (!folder.exists || folder.refused !== undefined || folder.leftovers.length > 0) continue;
        const existing = new Map<string, InstalledState>();
        for (const name of selection.names) existing.set(name, await readInstalled(path.join(folder.dir, name)));
        planTargetsInput.push({ folder, agents: t.agents, mode: 'copy', existing, followOnly: true });
      }
    }
    const lockRead = await readLockFile(scope, lockFile, e);
    if ('error' in lockRead) {
      result.diagnostics.push(lockRead.error);
      return finish();
    }
    const skills: PlanSkill[] = selection.names.map((name) => {
      const { doc } = catalog.skills.get(name)!;
      const tree = trees.get(name)!;
      return { name, dir: tree.dir, file: doc.file, entries: tree.entries, hash: tree.hash, claims: claimSources(doc.frontmatter.fields) };
    });
    const plan = planInstall({
      skills,
      targets: planTargetsInput,
      lock: lockRead.lock,
      source: catalog.root,
      force: options.force === true,
      stamp,
      now: now.toISOString(),
      deps: scope === 'project' ? await readProjectDeps(e.cwd) : null,
    });
    append(result.diagnostics, plan.warnings);

    if (dryRun) {
      result.items = plan.items.map((i) => ({ ...i, outcome: i.action }));
      result.lockChanges = plan.lock.changes;
      result.changed = result.lockChanges.length > 0 || plan.items.some((i) => i.action === 'create' || i.action === 'update');
      return finish();
    }

    const folderReals = new Map(planTargetsInput.map((t) => [t.folder.dir, t.folder.realDir]));
    const outcomes = await applyItems(plan, trees, folderReals);
    result.items = outcomes.map((o) => {
      const r: InstallItemResult = { ...o.item, outcome: o.outcome };
      if (o.backup !== undefined) r.backup = o.backup;
      if (o.error !== undefined) r.error = o.error;
      if (o.warning !== undefined) r.warning = o.warning;
      return r;
    });

    // Record only skills whose copy is in place.
    let lock: LockFile = lockRead.lock;
    const changes: LockChange[] = [];
    for (const change of plan.lock.changes) {
      const placed = result.items.some((i) => i.skill === change.skill && i.mode === 'copy' && (i.outcome === 'create' || i.outcome === 'update' || i.outcome === 'unchanged'));
      if (!placed) continue;
      lock = withEntry(lock, change.skill, { source: catalog.root, hash: trees.get(change.skill)!.hash, now: now.toISOString() });
      changes.push(change);
    }
    if (changes.length > 0) {
      await testPause('before-lock');
      try {
        await writeFileAtomic(lockFile, serializeLock(lock));
        result.lockChanges = changes;
      } catch (err) {
        const one = changes.length === 1;
        const what = `${changes.map((c) => c.skill).join(', ')} ${one ? 'is' : 'are'} in place, but ${path.basename(lockFile)} does not record ${one ? 'it' : 'them'}`;
        result.diagnostics.push(lockWriteDiagnostic(lockFile, err, e, what));
      }
    }
    result.changed = result.lockChanges.length > 0 || result.items.some((i) => i.outcome === 'create' || i.outcome === 'update') || result.recovered.length > 0;
    return finish();
  } finally {
    await folderMutex?.release();
    await mutex?.release();
  }
}
