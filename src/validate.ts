/**
 * `validate()`: the library form of `vibe-skills validate`. It does the I/O (discovery,
 * reading, manifests, config) and hands data to the pure rule runner. Returns data; never
 * prints, never exits.
 *
 * Memory stays flat on huge trees: each SKILL.md is read, linted and reduced to a small
 * SkillSummary before the next batch is read; only summaries (and, with --typecheck, the
 * TypeScript blocks) are kept for the cross-skill rules.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LintCache } from './lint/cache.js';
import { CONFIG_FILE, ConfigError, parseConfig, type VibeConfig } from './lint/config.js';
import { plural } from './strings.js';
import { allRules } from './lint/rules/index.js';
import { suggest } from './lint/suggest.js';
import { resolveSeverities, runRepoRules, runSetRules, runSkillRules } from './lint/runner.js';
import type { DiscoveryNote, LintSettings, RepoRule, RuleMeta, SetRule, SkillRule } from './lint/types.js';
import { loadManifests, pluginRootsFromManifests, skillDirsFromManifests } from './plugin/load.js';
import { pluginFolderLookup, pluginNamesByFolder } from './plugin/paths.js';
import type { ManifestFile } from './plugin/model.js';
import { laterCopies } from './skill/copies.js';
import { DISCOVERY_DEPTH, discoverSkills } from './skill/discover.js';
import type { CodeBlock, SkillDocument, SkillSummary } from './skill/model.js';
import { analyzeBody } from './skill/markdown.js';
import { displayPath, openSkill, parseSkillBytes, readSkillBytes, readSkillInto, readText, summarize } from './skill/read.js';
import { CHECKED_LANGS } from './typecheck/blocks.js';
import { codeIdentity } from './version.js';
import { compareDiagnostics, type Diagnostic, type SeveritySetting } from './types.js';
import { append } from './append.js';

export interface TypecheckSettings {
  /** Folder with tsconfig.json whose node_modules provide the packages. */
  project: string;
  /** Folder overlaid as app files (`stubs/src/lib/email.ts` answers `@/lib/email`). */
  stubs?: string;
}

export interface ValidateOptions {
  /** Skill folders, SKILL.md files or repository roots. Default: the working directory. */
  paths?: readonly string[];
  /** Working directory; paths and display paths are relative to it. Default: process.cwd(). */
  cwd?: string;
  /** Per-rule severity overrides (on top of the config file); an unknown rule id or severity is a ValidateUsageError. */
  rules?: Record<string, SeveritySetting>;
  /** Config file path, or false to ignore `.vibe-skills.json`. Default: `<first path>/.vibe-skills.json` if present. */
  config?: string | false;
  /** Extra external skill names (on top of the config file). */
  externalSkills?: readonly string[];
  /** Compile TypeScript code blocks. `true` takes the settings from the config file. */
  typecheck?: boolean | TypecheckSettings;
  /** Cache file: skills whose files did not change are not re-linted. */
  cache?: string;
  /**
   * Threads to lint on, the main thread included (default 1; at most one per core, and only
   * from PARALLEL_MIN_SKILLS skills on). Not used with `cache` or `typecheck`. See src/lint/parallel.ts.
   */
  threads?: number;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** Every skill checked. */
  skills: SkillSummary[];
  /** Rules active in this run (for formatters). */
  rules: RuleMeta[];
  /**
   * Set when the type check was asked for and the `typecheck` rule is not off (then it does not
   * run). `unavailable`: it could not run (no project folder,
   * tsconfig.json or TypeScript; the diagnostics say which and how to fix it).
   */
  typecheck?: { blocks: number; optedOut: number; perSkill: Array<{ file: string; blocks: number; optedOut: number }>; unavailable?: string };
  /** Set when worker threads linted part of the tree: how many, how many skills they did, and why any failed (the main thread then did their share). */
  parallel?: { workers: number; skills: number; errors: string[] };
  /**
   * Set with `cache`: how many skills' results were reused (hits) or computed (misses), how many
   * SKILL.md files were not even read because their stamp proved them unchanged (unread), and
   * why the cache could not be written.
   */
  cache?: { file: string; hits: number; misses: number; unread: number; error?: string };
}

/** A problem with the invocation itself (bad path, bad config): the CLI exits 2 on it. */
export class ValidateUsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ValidateUsageError';
  }
}

/**
 * The TypeScript blocks of a skill for --typecheck: those of SKILL.md and of the Markdown
 * files beside it (references/), compiled in the same virtual root so a reference can import
 * what SKILL.md defines. Reference files are read with the same bounds as SKILL.md.
 */
async function typecheckBlocks(doc: SkillDocument, cwd: string): Promise<CodeBlock[]> {
  const blocks = doc.body.codeBlocks.filter((b) => CHECKED_LANGS.has(b.lang));
  const extra = [...doc.files].filter((f) => f.endsWith('.md') && f !== 'SKILL.md').sort();
  for (const rel of extra) {
    const abs = path.join(doc.dir, ...rel.split('/'));
    const read = await readText(abs);
    if ('problem' in read) continue;
    const file = displayPath(abs, cwd);
    for (const b of analyzeBody(read.text, 1).codeBlocks) if (CHECKED_LANGS.has(b.lang)) blocks.push({ ...b, file });
  }
  return blocks;
}

/** src/lint/cache.ts, imported only for `--cache` (it loads node:crypto). */
type CacheModule = typeof import('./lint/cache.js');

const MAX_CONFIG_BYTES = 1024 * 1024;

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.id));

/** Whether `p` (its real path, when it exists) is `dir` or inside it. */
async function insideReal(p: string, dir: string): Promise<boolean> {
  const real = await realpath(p).catch(() => path.resolve(p));
  const realDir = await realpath(dir).catch(() => path.resolve(dir));
  return real === realDir || real.startsWith(realDir.endsWith(path.sep) ? realDir : realDir + path.sep);
}

async function loadConfigFor(options: ValidateOptions, cwd: string, firstRoot: string): Promise<{ config: VibeConfig | undefined; base: string }> {
  if (options.config === false) return { config: undefined, base: cwd };
  let file: string | undefined;
  if (typeof options.config === 'string') {
    file = path.resolve(cwd, options.config);
  } else {
    for (const dir of [firstRoot, cwd]) {
      const candidate = path.join(dir, CONFIG_FILE);
      if (await stat(candidate).catch(() => undefined)) {
        file = candidate;
        break;
      }
    }
  }
  if (!file) return { config: undefined, base: cwd };
  // A found (not named) config that is a link out of its folder is not read: its text would
  // show up in the error messages.
  if (typeof options.config !== 'string' && !(await insideReal(file, path.dirname(file)))) {
    throw new ConfigError(displayPath(file, cwd), 'is a symbolic link to a file outside its folder; not read', 'replace the link with the file itself, or name it with --config');
  }
  // A cloned repository's config is input like any other: no FIFO, device or giant file.
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile()) throw new ConfigError(displayPath(file, cwd), 'not a readable file', 'check the --config path');
  if (st.size > MAX_CONFIG_BYTES) throw new ConfigError(displayPath(file, cwd), `${st.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`, 'a configuration file is a few lines of JSON');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(displayPath(file, cwd), 'could not be read', 'check the --config path');
  }
  return { config: parseConfig(text, displayPath(file, cwd), ruleIds), base: path.dirname(file) };
}

const SEVERITY_SETTINGS: ReadonlySet<string> = new Set(['error', 'warning', 'warn', 'off']);

/**
 * The options as a JavaScript caller may pass them: the CLI builds them from checked flags, a
 * script does not. A wrong type is a usage error that says what to pass, not a TypeError from
 * deep inside (or a run over the working directory for `paths: 'skills'`), and a rule override
 * with an unknown id or severity is refused as `--rule` refuses it, not ignored. Returns the
 * overrides with `warn` read as `warning`, as the config file and `--rule` read it.
 */
function checkOptions(options: ValidateOptions): Record<string, SeveritySetting> | undefined {
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const fail = (what: string, hint: string): never => {
    throw new ValidateUsageError(`options.${what}`, hint);
  };
  if (typeof options !== 'object' || options === null) throw new ValidateUsageError('options must be an object', "e.g. validate({ paths: ['skills'] }), or validate() for the working directory");
  if (options.paths !== undefined && !strings(options.paths)) fail('paths must be an array of paths', "e.g. validate({ paths: ['skills'] })");
  if (options.cwd !== undefined && typeof options.cwd !== 'string') fail('cwd must be a folder path', 'leave it out to use the working directory');
  if (options.config !== undefined && options.config !== false && typeof options.config !== 'string') fail('config must be a file path or false', `false ignores ${CONFIG_FILE}; leave it out to look for one`);
  if (options.externalSkills !== undefined && !strings(options.externalSkills)) fail('externalSkills must be an array of skill names', "e.g. validate({ externalSkills: ['shadcn-ui'] })");
  if (options.cache !== undefined && typeof options.cache !== 'string') fail('cache must be a file path', "e.g. validate({ cache: '.vibe-skills-cache' })");
  if (options.threads !== undefined && !(Number.isSafeInteger(options.threads) && options.threads >= 1)) fail('threads must be a whole number, 1 or more', 'leave it out to lint on the main thread only');
  const tc = options.typecheck;
  if (tc !== undefined && typeof tc !== 'boolean' && (typeof tc !== 'object' || tc === null || typeof tc.project !== 'string' || (tc.stubs !== undefined && typeof tc.stubs !== 'string'))) {
    fail('typecheck must be true, false or { project, stubs? } with folder paths', `true takes the settings from ${CONFIG_FILE}; e.g. validate({ typecheck: { project: 'tests/typecheck-project' } })`);
  }
  if (options.rules === undefined) return undefined;
  if (typeof options.rules !== 'object' || options.rules === null || Array.isArray(options.rules)) fail('rules must map rule ids to severities', "e.g. validate({ rules: { 'description-trigger': 'off' } })");
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(options.rules)) {
    if (!ruleIds.has(id)) {
      const near = suggest(id, ruleIds);
      fail(`rules: no rule "${id}"`, `${near ? `did you mean "${near}"? ` : ''}allRules (or \`vibe-skills rules\`) lists the rule ids`);
    }
    const given: unknown = severity;
    if (typeof given !== 'string' || !SEVERITY_SETTINGS.has(given)) fail(`rules.${id}: ${JSON.stringify(given) ?? String(given)} is not a severity`, 'use "error", "warning" or "off"');
    rules[id] = given === 'warn' ? 'warning' : severity;
  }
  return rules;
}

export async function validate(options: ValidateOptions = {}): Promise<ValidateResult> {
  const ruleOverrides = checkOptions(options);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const roots = paths.map((p) => path.resolve(cwd, p));
  for (const root of roots) {
    if (!(await stat(root).catch(() => undefined))) {
      throw new ValidateUsageError(`${displayPath(root, cwd)} does not exist`, 'pass a skill folder, a SKILL.md or a repository root');
    }
  }
  const firstRoot = (await stat(roots[0]!)).isDirectory() ? roots[0]! : path.dirname(roots[0]!);
  const { config, base } = await loadConfigFor(options, cwd, firstRoot);
  const severities = resolveSeverities(allRules, config?.rules, ruleOverrides);
  // With the typecheck rule off nothing it finds would be reported: the compiler is not run.
  const typecheckRun = options.typecheck !== undefined && options.typecheck !== false && severities.get('typecheck') !== 'off';
  const settings: LintSettings = { externalSkills: new Set([...(config?.externalSkills ?? []), ...(options.externalSkills ?? [])]) };
  const ignored = (config?.ignore ?? []).map((p) => path.resolve(base, p));
  // A folder covers what is under it; `/` already ends in the separator.
  const isIgnored = (file: string) => ignored.some((i) => file === i || file.startsWith(i.endsWith(path.sep) ? i : i + path.sep));

  const skillRules = allRules.filter((r): r is SkillRule => r.scope === 'skill');
  const setRules = allRules.filter((r): r is SetRule => r.scope === 'set');
  const repoRules = allRules.filter((r): r is RepoRule => r.scope === 'repo');

  // The cache (node:crypto) and the workers (node:worker_threads) are loaded only when asked
  // for: those Node modules alone cost a run ~20 ms of start-up.
  const cacheModule = options.cache ? await import('./lint/cache.js') : undefined;
  const cache = cacheModule?.openCache(
    path.resolve(cwd, options.cache!),
    cacheModule.cacheKey({ ...codeIdentity(), cwd, severities: [...severities], externals: [...settings.externalSkills] }),
  );
  const parallelModule = (options.threads ?? 1) > 1 && !cache && !typecheckRun ? await import('./lint/parallel.js') : undefined;
  const diagnostics: Diagnostic[] = [];
  const skills: SkillSummary[] = [];
  const tsBlocks: Array<{ file: string; name: string; codeBlocks: CodeBlock[] }> = [];
  const seenSkillFiles = new Set<string>();
  let unread = 0;
  let ignoredCount = 0;
  let parallel: ValidateResult['parallel'];
  const repos: Array<{ root: string; manifests: ManifestFile[]; notes: DiscoveryNote[]; skills: SkillSummary[] }> = [];

  /** Lint one opened skill: read, decode and parse in one go (nothing keeps the bytes), then the rules. */
  const lintFresh = (doc: SkillDocument): SkillSummary => {
    readSkillInto(doc);
    append(diagnostics, runSkillRules(doc, skillRules, severities, settings));
    return summarize(doc);
  };

  /** The same through the cache: a stored result when the skill's fingerprint is unchanged. */
  const lintCached = (doc: SkillDocument, cache: LintCache, cacheModule: CacheModule): SkillSummary => {
    const fingerprintOf = (contentHash: string) =>
      cacheModule.fingerprintSkill({ file: doc.atRoot ? `${doc.file}\0root` : doc.file, contentHash, files: doc.files, symlinks: doc.symlinks, filesTruncated: doc.filesTruncated });
    // An untouched SKILL.md (proved by its stamp) is not even read.
    const unchanged = !typecheckRun && doc.symlinks.length === 0 ? cache.unchangedContent(doc.path) : undefined;
    let read: ReturnType<typeof readSkillBytes> = unchanged === undefined ? readSkillBytes(doc, { stamp: true }) : {};
    let contentHash = unchanged ?? (read.bytes ? cacheModule.hashContent(read.bytes) : undefined);
    let fingerprint = contentHash !== undefined ? fingerprintOf(contentHash) : undefined;
    const hit = fingerprint !== undefined ? cache.get(doc.path, fingerprint) : undefined;
    if (!hit && unchanged !== undefined) {
      // Same SKILL.md, different listing: lint it, from the bytes.
      read = readSkillBytes(doc, { stamp: true });
      contentHash = read.bytes ? cacheModule.hashContent(read.bytes) : undefined;
      fingerprint = contentHash !== undefined ? fingerprintOf(contentHash) : undefined;
    }
    if (read.bytes && (!hit || typecheckRun)) parseSkillBytes(doc, read.bytes);
    if (hit) {
      if (unchanged !== undefined) unread++;
      append(diagnostics, hit.diagnostics);
      // Read because its stamp changed (a checkout, a restored CI cache), same content: record
      // the new stamp so the next run need not read it.
      if (read.stamp && contentHash) cache.restamp(doc.path, { hash: contentHash, stamp: read.stamp });
      return hit.summary;
    }
    const found = runSkillRules(doc, skillRules, severities, settings);
    const summary = summarize(doc);
    append(diagnostics, found);
    if (fingerprint && contentHash && read.stamp) cache.set(doc.path, fingerprint, { diagnostics: found, summary }, { hash: contentHash, stamp: read.stamp });
    return summary;
  };

  for (const root of roots) {
    const isDir = (await stat(root)).isDirectory();
    const manifests = isDir ? await loadManifests(root, cwd) : [];
    // Each marketplace plugin's `skills/` folder, which Claude Code and the skills CLI load: with a
    // `skills/` or `.claude/skills/` at the root, the tree itself is not walked.
    const pluginSkillDirs: string[] = [];
    for (const dir of pluginRootsFromManifests(manifests).map((r) => path.join(r, 'skills'))) {
      if ((await stat(dir).catch(() => undefined))?.isDirectory()) pluginSkillDirs.push(dir);
    }
    const discovered = await discoverSkills(root, { cwd, extraDirs: skillDirsFromManifests(manifests), pluginDirs: pluginSkillDirs, ...(cache ? { readDir: cache.readDir } : {}) });
    const files = discovered.skillFiles.filter((f) => !seenSkillFiles.has(f) && !isIgnored(f));
    ignoredCount += discovered.skillFiles.filter(isIgnored).length;
    for (const f of files) seenSkillFiles.add(f);
    const repoSkills: SkillSummary[] = [];
    const workers = parallelModule ? parallelModule.workerCount(files.length, options.threads) : 0;
    if (parallelModule && workers > 0) {
      const job = { cwd, root, files, severities: [...severities], externalSkills: [...settings.externalSkills] };
      const done = await parallelModule.lintInParallel(job, workers, discovered.entries);
      for (const o of done.outcomes) {
        append(diagnostics, o.diagnostics);
        repoSkills.push(o.summary);
      }
      parallel = { workers: (parallel?.workers ?? 0) + workers, skills: (parallel?.skills ?? 0) + done.byWorkers, errors: [...(parallel?.errors ?? []), ...done.errors] };
    }
    // One skill at a time: reading is synchronous (src/skill/read.ts), so there is nothing to
    // overlap, and memory holds one document plus the summaries.
    for (const file of workers > 0 ? [] : files) {
      const entries = discovered.entries.get(path.dirname(file));
      const doc = openSkill(file, { cwd, ...(entries ? { entries } : {}), ...(cache ? { readDir: cache.readDir } : {}) });
      if (doc.dir === root) doc.atRoot = true;
      const summary = cache && cacheModule ? lintCached(doc, cache, cacheModule) : lintFresh(doc);
      repoSkills.push(summary);
      if (typecheckRun) {
        const blocks = await typecheckBlocks(doc, cwd);
        if (blocks.length > 0) tsBlocks.push({ file: doc.file, name: summary.name ?? doc.folderName, codeBlocks: blocks });
      }
    }
    append(skills, repoSkills);
    repos.push({ root, manifests, notes: discovered.notes, skills: repoSkills });
  }

  // Nothing to lint at all is a usage error; but a tree whose only find is a misnamed
  // skill.md or a symlink out of the tree is linted, so those notes reach the user.
  if (skills.length === 0 && repos.every((r) => r.manifests.length === 0 && r.notes.every((n) => n.kind === 'path-not-found'))) {
    if (ignoredCount > 0) {
      throw new ValidateUsageError(
        `every SKILL.md found (${plural(ignoredCount, 'file')}) is ignored by "ignore" in ${CONFIG_FILE}`,
        `narrow "ignore" to the folders to skip (it takes folder and file paths relative to ${CONFIG_FILE}, no globs), or pass --no-config`,
      );
    }
    const notAPath = repos.flatMap((r) => r.notes).find((n) => n.kind === 'path-not-found');
    if (notAPath) throw new ValidateUsageError(notAPath.message, notAPath.hint);
    throw new ValidateUsageError(
      `no SKILL.md found in ${paths.join(', ')}`,
      `skills live in <folder>/SKILL.md, and discovery looks ${DISCOVERY_DEPTH} folders deep (skipping node_modules, .git and build output); pass a skill folder, a skills/ tree or a repository root`,
    );
  }

  const pluginFolder = pluginFolderLookup(repos.flatMap((r) => pluginRootsFromManifests(r.manifests)));
  const pluginNames = new Map(repos.flatMap((r) => [...pluginNamesByFolder(r.manifests)]));
  const copies = await laterCopies(skills, cwd);
  append(diagnostics, runSetRules(skills, setRules, severities, settings, {
    pluginOf: (s) => pluginFolder(s.dir),
    pluginName: (folder) => pluginNames.get(folder),
    isCopy: (s) => copies.has(s),
  }));
  for (const repo of repos) {
    append(diagnostics, runRepoRules({ root: repo.root, manifests: repo.manifests, discovery: repo.notes, skills: repo.skills, settings }, repoRules, severities));
  }

  let typecheck: ValidateResult['typecheck'];
  if (typecheckRun && options.typecheck) {
    const tc = options.typecheck === true ? config?.typecheck : options.typecheck;
    if (!tc) {
      throw new ValidateUsageError(
        '--typecheck needs a project folder',
        `pass --project <folder with tsconfig.json and node_modules>, or set "typecheck": { "project": "..." } in ${CONFIG_FILE}`,
      );
    }
    const fromConfig = options.typecheck === true;
    const tcBase = fromConfig ? base : cwd;
    const project = path.resolve(tcBase, tc.project);
    const stubs = tc.stubs ? path.resolve(tcBase, tc.stubs) : undefined;
    // Folders a configuration file names are input like the rest of the tree: they stay inside
    // the config's folder, and the compiler is never loaded from them (that would run the
    // repository's code): it comes from the working folder, as `npx tsc` there would.
    if (fromConfig) {
      for (const [key, dir] of [['typecheck.project', project], ['typecheck.stubs', stubs]] as const) {
        if (dir !== undefined && !(await insideReal(dir, base))) {
          throw new ConfigError(displayPath(path.join(base, CONFIG_FILE), cwd), `${key} leaves the folder of the configuration file (${displayPath(dir, cwd)})`, `name a folder inside ${displayPath(base, cwd)}, or pass --project on the command line`);
        }
      }
    }
    const severity = severities.get('typecheck') ?? 'error';
    const { typecheckSkills } = await import('./typecheck/index.js');
    const result = await typecheckSkills(
      tsBlocks.sort((a, b) => (a.file < b.file ? -1 : 1)),
      { project, ...(stubs ? { stubs } : {}), cwd, ...(fromConfig ? { compilerFrom: cwd } : {}) },
    );
    append(diagnostics, result.diagnostics.map((d) => ({ ...d, severity })));
    typecheck = { blocks: result.blocks, optedOut: result.optedOut, perSkill: result.perSkill, ...(result.unavailable === undefined ? {} : { unavailable: result.unavailable }) };
  }

  let cacheReport: ValidateResult['cache'];
  if (cache) {
    const saved = cache.save();
    cacheReport = { file: cache.file, hits: cache.stats.hits, misses: cache.stats.misses, unread, ...(saved.ok ? {} : { error: saved.message }) };
  }

  // Roots that repeat or overlap (`validate a ./a`, `validate . skills`) find the same manifests
  // and discovery notes twice; a finding is reported once.
  if (roots.length > 1) {
    const seen = new Set<string>();
    let kept = 0;
    for (const d of diagnostics) {
      const key = JSON.stringify([d.ruleId, d.severity, d.file, d.line, d.column, d.endLine, d.endColumn, d.message, d.hint]);
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics[kept++] = d;
      }
    }
    diagnostics.length = kept;
  }
  diagnostics.sort(compareDiagnostics);
  let errorCount = 0;
  for (const d of diagnostics) if (d.severity === 'error') errorCount++;
  const rules: RuleMeta[] = allRules
    .filter((r) => severities.get(r.id) !== 'off')
    .map((r) => ({ id: r.id, description: r.description, severity: severities.get(r.id) ?? r.severity, docs: r.docs }));
  const result: ValidateResult = { diagnostics, errorCount, warningCount: diagnostics.length - errorCount, skills, rules };
  if (typecheck) result.typecheck = typecheck;
  if (parallel) result.parallel = parallel;
  if (cacheReport) result.cache = cacheReport;
  return result;
}
