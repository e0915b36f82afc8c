/**
 * The type-check project: compiler options from `<project>/tsconfig.json` and the
 * `paths` aliases rewritten so they can be applied to each skill's virtual root.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import type { TypeScriptModule } from './typescript.js';

/** One `paths` entry (`"@/*": ["./src/*"]`), with targets relative to the project root. */
export interface AliasRule {
  prefix: string;
  suffix: string;
  /** False for exact keys (`"@config"`). */
  wildcard: boolean;
  /** Targets relative to the project root, `/` separators, `*` kept (`src/*`). */
  targets: string[];
}

export interface ProjectConfig {
  configPath: string;
  options: TS.CompilerOptions;
  aliases: AliasRule[];
  /** Problems in the config file itself. */
  diagnostics: TS.Diagnostic[];
  /**
   * True when the options are unknown: the file, or a config it `extends`, could not be read as
   * JSON at all. The diagnostic that says why comes first.
   */
  fatal: boolean;
}

/** "No inputs were found" / "files list is empty": the type check brings its own inputs. */
const IGNORED_CONFIG_CODES = new Set([18002, 18003]);

/** "Cannot read file", "File not found" (an `extends` that is not there), "Circularity detected". */
const UNREADABLE_EXTENDS_CODES = new Set([5083, 6053, 18000]);

/** A tsconfig is a few KB (`@tsconfig/bases` are under 1 KB); a larger file is not read. */
export const MAX_TSCONFIG_BYTES = 1024 * 1024;

/** TypeScript numbers its syntax errors 1000–1999 (TS1005 "'}' expected"). */
function isSyntaxError(d: TS.Diagnostic): boolean {
  return d.code >= 1000 && d.code < 2000;
}

export function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Options that would make the compiler emit, or reject files that live outside the
 * project's own layout (the virtual roots), are dropped; the check never writes anything.
 */
export function checkOptions(ts: TypeScriptModule, options: TS.CompilerOptions): TS.CompilerOptions {
  const result: TS.CompilerOptions = {
    ...options,
    noEmit: true,
    // Every block is its own module, so two blocks' top-level names never clash.
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
  for (const key of [
    'emitDeclarationOnly', 'composite', 'incremental', 'tsBuildInfoFile', 'declaration', 'declarationMap',
    'declarationDir', 'outDir', 'outFile', 'rootDir', 'sourceMap', 'inlineSourceMap', 'inlineSources',
    'traceResolution', 'listFiles', 'listEmittedFiles', 'explainFiles', 'diagnostics', 'extendedDiagnostics',
    'generateTrace', 'generateCpuProfile', 'build', 'watch',
  ]) {
    delete result[key];
  }
  return result;
}

function parseAliases(options: TS.CompilerOptions, projectDir: string): AliasRule[] {
  const paths = options.paths;
  if (!paths) return [];
  // parseJsonConfigFileContent records where `paths` are relative to (the config that set them).
  const base = options.baseUrl ?? (options as { pathsBasePath?: unknown }).pathsBasePath;
  const baseDir = typeof base === 'string' ? base : projectDir;
  const rules: AliasRule[] = [];
  for (const [key, targets] of Object.entries(paths)) {
    const star = key.indexOf('*');
    if (star !== key.lastIndexOf('*')) continue; // TypeScript rejects these itself.
    const relTargets: string[] = [];
    for (const target of targets) {
      const rel = toSlash(path.relative(projectDir, path.resolve(baseDir, target)));
      // A target outside the project has no counterpart in a skill's root.
      if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) continue;
      relTargets.push(rel);
    }
    if (relTargets.length === 0) continue;
    rules.push(star === -1
      ? { prefix: key, suffix: '', wildcard: false, targets: relTargets }
      : { prefix: key.slice(0, star), suffix: key.slice(star + 1), wildcard: true, targets: relTargets });
  }
  return rules;
}

/**
 * Applies the aliases to a module name like the compiler does: an exact key wins, else the
 * wildcard key with the longest prefix. Returns the candidate paths relative to a root.
 */
export function matchAlias(rules: readonly AliasRule[], name: string): string[] {
  let best: AliasRule | undefined;
  for (const rule of rules) {
    if (!rule.wildcard) {
      if (rule.prefix === name) return rule.targets;
      continue;
    }
    if (name.length < rule.prefix.length + rule.suffix.length) continue;
    if (!name.startsWith(rule.prefix) || !name.endsWith(rule.suffix)) continue;
    if (!best || rule.prefix.length > best.prefix.length) best = rule;
  }
  if (!best) return [];
  const captured = name.slice(best.prefix.length, name.length - best.suffix.length);
  return best.targets.map((t) => t.replace('*', captured));
}

/** The path with links resolved, `/`-separated; the path as given when it does not exist. */
export function realSlash(p: string): string {
  try {
    return toSlash(realpathSync(p));
  } catch {
    return toSlash(path.resolve(p));
  }
}

function isUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** `dir` is one of `roots` or an ancestor of one: where Node's resolution looks for node_modules and package.json. */
export function onTheWayUp(roots: readonly string[], dir: string): boolean {
  return roots.some((r) => isUnder(r, dir === '' ? '/' : dir));
}

/** `key` lies in a node_modules on the way up from one of `roots`: a package the app could import. */
export function inPackages(roots: readonly string[], key: string): boolean {
  const at = key.indexOf('/node_modules/');
  return at !== -1 && onTheWayUp(roots, key.slice(0, at));
}

/** Reads `<projectDir>/tsconfig.json` (with its `extends`). Never throws for bad content. */
export function readProject(ts: TypeScriptModule, projectDir: string): ProjectConfig {
  const configPath = toSlash(path.join(projectDir, 'tsconfig.json'));
  // The tsconfig (a link too) and what it `extends` must be in the project or a package
  // (`@tsconfig/node20`), nothing else: `"extends": "/etc/passwd"` would show that file's text
  // in the parse errors.
  const roots = [realSlash(projectDir)];
  const mayRead = (p: string): boolean => {
    const real = realSlash(p);
    return isUnder(real, roots[0]!) || inPackages(roots, real);
  };
  // Why a config was not read, by path, for TypeScript's bare "Cannot read file '…'". A FIFO would
  // block the read for ever and a huge file exhaust the memory, so only small regular files are read.
  const refused = new Map<string, string>();
  const readConfig = (p: string): string | undefined => {
    if (!mayRead(p)) {
      refused.set(p, `it ${realSlash(p) === toSlash(path.resolve(p)) ? 'is' : 'links to a file'} outside the project folder and its node_modules`);
      return undefined;
    }
    let st;
    try {
      st = statSync(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      refused.set(p, code === 'ENOENT' ? 'it does not exist' : code === 'ELOOP' ? 'it is a loop of symbolic links' : `${code ?? error}`);
      return undefined;
    }
    if (!st.isFile()) refused.set(p, st.isDirectory() ? 'it is a folder' : 'it is not a regular file');
    else if (st.size > MAX_TSCONFIG_BYTES) refused.set(p, `it is larger than ${MAX_TSCONFIG_BYTES / 1024 / 1024} MiB`);
    else return ts.sys.readFile(p);
    return undefined;
  };
  const withReason = (d: TS.Diagnostic): TS.Diagnostic => {
    if (d.code !== 5083 || typeof d.messageText !== 'string') return d;
    const file = /^Cannot read file '(.*)'\.$/.exec(d.messageText)?.[1];
    const reason = file === undefined ? undefined : refused.get(file);
    return reason === undefined ? d : { ...d, messageText: `Cannot read file '${file}': ${reason}.` };
  };
  const read = ts.readConfigFile(configPath, readConfig);
  if (read.error) {
    return { configPath, options: checkOptions(ts, {}), aliases: [], diagnostics: [withReason(read.error)], fatal: true };
  }
  // Only the options matter, so the include globs are not expanded: walking a large
  // app's source tree would cost more than the whole check.
  const parseHost: TS.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: () => [],
    fileExists: (p) => mayRead(p) && ts.sys.fileExists(p),
    readFile: readConfig,
  };
  const parsed = ts.parseJsonConfigFileContent(read.config, parseHost, toSlash(projectDir), undefined, configPath);
  const diagnostics = parsed.errors.filter((d) => !IGNORED_CONFIG_CODES.has(d.code)).map(withReason);
  // A config it `extends` that cannot be read (missing, refused above, not JSON, circular) leaves
  // the options unknown, as unreadable JSON does: the compiler would run with the wrong ones.
  const broken = diagnostics.filter((d) => UNREADABLE_EXTENDS_CODES.has(d.code) || (isSyntaxError(d) && d.file !== undefined && toSlash(d.file.fileName) !== configPath));
  return {
    configPath,
    options: checkOptions(ts, parsed.options),
    aliases: parseAliases(parsed.options, projectDir),
    // The reason first: the caller names the first one.
    diagnostics: [...broken, ...diagnostics.filter((d) => !broken.includes(d))],
    fatal: broken.length > 0,
  };
}
