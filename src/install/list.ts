/**
 * `list()`: the library form of `vibe-skills list`. Reads every agent skills folder of the
 * scope(s) and reports each installed skill with a status, comparing the folder with the lock
 * entry (modified locally?) and the lock entry with its local source (outdated?). Read-only:
 * it never recovers or rewrites anything, it reports what it sees.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readSkill } from '../skill/read.js';
import type { Diagnostic } from '../types.js';
import { defaultAgentIds, groupTargets, type Scope } from './agents.js';
import { checkAgentIds, checkNameList, environment, lockPathFor, readLockFile, type CommonOptions } from './context.js';
import { InstallError } from './errors.js';
import { emptyLock, lockEntry, lockNames, type LockEntryView } from './lock.js';
import { loadCatalog } from './source.js';
import { mergeSameFolders, readFolderState, readInstalled, type Leftover } from './target.js';
import { readSourceTree } from './tree.js';

export interface ListOptions extends CommonOptions {
  /** Which scopes: default both. */
  scope?: Scope | 'all';
  /** Only these agents' folders. */
  agents?: readonly string[];
  /** Compare with local sources to find outdated skills. Default true. */
  checkSources?: boolean;
}

export type SkillStatus = 'up-to-date' | 'modified' | 'outdated' | 'broken' | 'untracked' | 'unknown';

export interface ListedSkill {
  name: string;
  /** Absolute path of the entry in the skills folder. */
  path: string;
  kind: 'dir' | 'symlink';
  /** For links: the link text. */
  linkTarget?: string;
  status: SkillStatus;
  /** Why, in words (what is broken, which source, ...). */
  detail?: string;
  lock?: { source?: string; sourceType?: string; hash?: string };
}

export interface ListedFolder {
  dir: string;
  agents: string[];
  skills: ListedSkill[];
  /** Leftovers of an interrupted run (the next install or remove cleans them up). */
  leftovers: Leftover[];
  /** Why this folder is not read (it leads outside the project, or is not a folder); then `skills` is empty. */
  refused?: string;
}

export interface ListedScope {
  scope: Scope;
  lockFile: string;
  /** Set when the lock file exists but cannot be read; statuses are then `unknown`. */
  lockError?: Diagnostic;
  folders: ListedFolder[];
  /** Lock entries found in no folder. */
  lockOnly: string[];
}

export interface ListResult {
  scopes: ListedScope[];
}

/**
 * Folders a lock's source may take to walk. A real skill source is far smaller; the lock file
 * is data a cloned repository carries, and `"source": "/"` must not make `list` walk the disk.
 */
export const SOURCE_CHECK_MAX_DIRS = 10_000;

/** The hash of a skill in its recorded source, or why it cannot be checked. */
type SourceHash = { hash: string } | { problem: string };

function sourceHashFinder(cwd: string) {
  const catalogs = new Map<string, Promise<Awaited<ReturnType<typeof loadCatalog>> | null>>();
  const hashes = new Map<string, Promise<SourceHash>>();
  return (sourceRoot: string, source: string, name: string): Promise<SourceHash> => {
    const key = `${sourceRoot}\0${name}`;
    let h = hashes.get(key);
    if (h === undefined) {
      h = (async (): Promise<SourceHash> => {
        let c = catalogs.get(sourceRoot);
        if (c === undefined) {
          c = loadCatalog(sourceRoot, cwd, { maxDirs: SOURCE_CHECK_MAX_DIRS }).catch(() => null);
          catalogs.set(sourceRoot, c);
        }
        const catalog = await c;
        // A partial walk could have found a same-named skill and missed the real one: no answer.
        if (catalog?.incomplete === true) {
          return { problem: `source ${source} has over ${SOURCE_CHECK_MAX_DIRS.toLocaleString('en-US')} folders; not checked` };
        }
        const skill = catalog?.skills.get(name);
        const tree = skill === undefined ? undefined : await readSourceTree(skill.doc.dir);
        return tree !== undefined && 'tree' in tree ? { hash: tree.tree.hash } : { problem: `source ${source} not found; not checked` };
      })();
      hashes.set(key, h);
    }
    return h;
  };
}

async function skillMdProblem(dir: string, cwd: string, folderName: string): Promise<string | undefined> {
  const file = path.join(dir, 'SKILL.md');
  const st = await stat(file).catch(() => undefined);
  if (st === undefined) return 'SKILL.md is missing';
  const doc = await readSkill(file, { cwd, listFiles: false });
  if (doc.readProblem) return doc.readProblem.message;
  if (doc.frontmatter.error) return `SKILL.md frontmatter: ${doc.frontmatter.error.message}`;
  const name = doc.frontmatter.data.name;
  if (typeof name !== 'string' || name === '') return 'SKILL.md has no name';
  if (name !== folderName) return `SKILL.md names "${name}", not "${folderName}"`;
  return undefined;
}

export async function list(options: ListOptions = {}): Promise<ListResult> {
  checkNameList(options.agents, 'agents', false);
  if (options.scope !== undefined && !['project', 'global', 'all'].includes(options.scope)) {
    throw new InstallError(`options.scope: ${JSON.stringify(options.scope) ?? String(options.scope)} is not a scope`, 'use "project", "global" or "all" (the default)');
  }
  const e = environment(options);
  const scopes: Scope[] = options.scope === 'project' ? ['project'] : options.scope === 'global' ? ['global'] : ['project', 'global'];
  if (options.agents !== undefined && options.agents.length > 0) checkAgentIds(options.agents);
  const sourceHash = sourceHashFinder(e.cwd);
  const result: ListResult = { scopes: [] };

  for (const scope of scopes) {
    const lockFile = lockPathFor(scope, e);
    const lockRead = await readLockFile(scope, lockFile, e);
    const lock = 'lock' in lockRead ? lockRead.lock : emptyLock(scope, lockFile);
    const listed: ListedScope = { scope, lockFile, folders: [], lockOnly: [] };
    if ('error' in lockRead) listed.lockError = lockRead.error;
    const seen = new Set<string>();
    const ids = options.agents !== undefined && options.agents.length > 0 ? options.agents : defaultAgentIds(scope);
    // A folder shared under two names (`.claude/skills -> ../.agents/skills`) is listed once, with both agents.
    for (const t of await mergeSameFolders(groupTargets(ids, scope, e).targets)) {
      const folder = await readFolderState(t.dir, t.root);
      if (folder.refused !== undefined) {
        // Not read (that could mean reading outside the project), but never hidden.
        if ((await lstat(t.dir).catch(() => undefined)) !== undefined) {
          listed.folders.push({ dir: t.dir, agents: t.agents, skills: [], leftovers: [], refused: folder.refused });
        }
        continue;
      }
      if (!folder.exists) continue;
      const out: ListedFolder = { dir: t.dir, agents: t.agents, skills: [], leftovers: folder.leftovers };
      const names = (await readdir(t.dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
      for (const name of names) {
        const dest = path.join(t.dir, name);
        const state = await readInstalled(dest);
        if (state.kind !== 'dir' && state.kind !== 'symlink') continue;
        const entry = lockEntry(lock, name);
        const skill: ListedSkill = { name, path: dest, kind: state.kind, status: 'up-to-date' };
        if (state.kind === 'symlink') skill.linkTarget = state.target;
        if (entry !== undefined) skill.lock = lockView(entry);
        const tree = state.tree;
        if (tree === null) {
          // A link that leads somewhere without a SKILL.md (not read: it could be /proc) is,
          // like such a folder, a skill only if the lock says so.
          const somewhere = state.kind === 'symlink' && state.resolved !== null;
          if (somewhere && entry === undefined) continue;
          skill.status = 'broken';
          skill.detail = `link to ${state.kind === 'symlink' ? state.target : ''} ${somewhere ? 'leads to no SKILL.md' : 'leads nowhere'}`;
        } else {
          const problem = await skillMdProblem(state.kind === 'dir' ? dest : (state.resolved ?? dest), e.cwd, name);
          if (problem !== undefined) {
            // A folder without SKILL.md that no lock mentions is not a skill at all.
            if (problem === 'SKILL.md is missing' && entry === undefined) continue;
            skill.status = 'broken';
            skill.detail = problem;
          } else if (listed.lockError !== undefined) {
            skill.status = 'unknown';
            skill.detail = 'the lock file cannot be read';
          } else if (entry === undefined) {
            skill.status = 'untracked';
            skill.detail = `not in ${path.basename(lockFile)}`;
          } else if (entry.hash === undefined) {
            skill.status = 'unknown';
            skill.detail = 'the lock entry has no hash';
          } else if (tree.truncated || tree.unhashed.length > 0 || tree.hash !== entry.hash) {
            skill.status = 'modified';
            skill.detail = tree.unhashed.length > 0 ? `holds ${tree.unhashed.map((u) => u.path).join(', ')}` : 'files differ from what was installed';
          } else if (options.checkSources !== false && entry.localSource !== undefined) {
            const exists = await stat(entry.localSource).catch(() => undefined);
            const latest = exists ? await sourceHash(entry.localSource, entry.source ?? '', name) : { problem: `source ${entry.source ?? ''} not found; not checked` };
            if ('problem' in latest) skill.detail = latest.problem;
            else if (latest.hash !== entry.hash) {
              skill.status = 'outdated';
              skill.detail = `${entry.source ?? ''} has a newer version`;
            }
          } else if (entry.sourceType !== undefined && entry.sourceType !== 'local') {
            skill.detail = `${entry.sourceType} source not checked`;
          }
        }
        seen.add(name);
        out.skills.push(skill);
      }
      if (out.skills.length > 0 || out.leftovers.length > 0) listed.folders.push(out);
    }
    listed.lockOnly = lockNames(lock).filter((n) => !seen.has(n)).sort();
    result.scopes.push(listed);
  }
  return result;
}

function lockView(entry: LockEntryView): NonNullable<ListedSkill['lock']> {
  const v: NonNullable<ListedSkill['lock']> = {};
  if (entry.source !== undefined) v.source = entry.source;
  if (entry.sourceType !== undefined) v.sourceType = entry.sourceType;
  if (entry.hash !== undefined) v.hash = entry.hash;
  return v;
}
