/**
 * A CompilerHost that serves the code blocks as in-memory files and resolves imports the
 * way the skills are meant to be read: `@/x` from a skill's own files first, then from the
 * stubs folder, then from the project. Nothing is ever written to disk.
 */
import path from 'node:path';
import type * as TS from 'typescript';
import { inPackages, matchAlias, onTheWayUp, realSlash, toSlash, type AliasRule } from './project.js';
import type { TypeScriptModule } from './typescript.js';

export interface VirtualFile {
  /** Absolute path, `/` separators. */
  path: string;
  text: string;
  /** Index of the skill whose root holds it. */
  skill: number;
}

export interface HostSetup {
  ts: TypeScriptModule;
  options: TS.CompilerOptions;
  projectDir: string;
  stubsDir: string | undefined;
  /** Parent of all skill roots; nothing under it is read from disk. */
  virtualDir: string;
  /** Root folder of each skill, by skill index. */
  skillRoots: readonly string[];
  files: ReadonlyMap<string, VirtualFile>;
  aliases: readonly AliasRule[];
}

function isUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

export function createHost(setup: HostSetup): TS.CompilerHost {
  const { ts, options, projectDir, stubsDir, virtualDir, skillRoots, files, aliases } = setup;
  const base = ts.createCompilerHost(options);
  const canonical = (p: string): string => base.getCanonicalFileName(toSlash(p));

  const virtualByKey = new Map<string, VirtualFile>();
  const virtualDirs = new Set<string>();
  for (const file of files.values()) {
    virtualByKey.set(canonical(file.path), file);
    for (let dir = path.posix.dirname(file.path); isUnder(dir, virtualDir); dir = path.posix.dirname(dir)) {
      virtualDirs.add(canonical(dir));
      if (dir === virtualDir) break;
    }
  }
  const virtualKey = canonical(virtualDir);
  const isVirtual = (p: string): boolean => isUnder(canonical(p), virtualKey);

  // A block may say `/// <reference path="/home/me/.ssh/config.d.ts" />` or import
  // `../../../../etc/x.json`; reads are limited to where a real app's code could live.
  // Paths are judged by where they really are: a link inside the project to `/` opens nothing.
  const roots = [projectDir, stubsDir].filter((d): d is string => typeof d === 'string').map((d) => canonical(realSlash(d)));
  const allowedDirs = [...roots, canonical(realSlash(path.dirname(base.getDefaultLibFileName(options))))];
  // tsconfig typeRoots count only where they could hold the app's own types.
  for (const t of options.typeRoots ?? []) {
    const key = canonical(realSlash(t));
    if (roots.some((r) => isUnder(key, r)) || inPackages(roots, `${key}/`)) allowedDirs.push(key);
  }
  const mayRead = (p: string): boolean => {
    const key = canonical(realSlash(p));
    if (inPackages(roots, key)) return true;
    // Ancestor package.json files decide whether a file is ESM, as they would for the real app.
    if (key.endsWith('/package.json') && onTheWayUp(roots, path.posix.dirname(key))) return true;
    return allowedDirs.some((dir) => isUnder(key, dir));
  };

  const moduleCache = ts.createModuleResolutionCache(projectDir, canonical, options);
  const parsed = new Map<string, TS.SourceFile>();

  const host: TS.CompilerHost = {
    ...base,
    getCurrentDirectory: () => projectDir,
    writeFile: () => {
      // noEmit is forced; a write would be a bug, and it must not touch the disk either way.
    },
    fileExists(fileName) {
      if (isVirtual(fileName)) return virtualByKey.has(canonical(fileName));
      return mayRead(fileName) && base.fileExists(fileName);
    },
    readFile(fileName) {
      if (isVirtual(fileName)) return virtualByKey.get(canonical(fileName))?.text;
      return mayRead(fileName) ? base.readFile(fileName) : undefined;
    },
    directoryExists(dirName) {
      if (isVirtual(dirName)) return virtualDirs.has(canonical(dirName));
      return base.directoryExists ? base.directoryExists(dirName) : true;
    },
    getDirectories(dirName) {
      if (isVirtual(dirName)) return [];
      return base.getDirectories ? base.getDirectories(dirName) : [];
    },
    readDirectory(rootDir, extensions, excludes, includes, depth) {
      if (isVirtual(rootDir) || !mayRead(rootDir) || !base.readDirectory) return [];
      return base.readDirectory(rootDir, extensions, excludes, includes, depth);
    },
    realpath(fileName) {
      if (isVirtual(fileName) || !mayRead(fileName)) return fileName;
      return base.realpath ? base.realpath(fileName) : fileName;
    },
    getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate) {
      const file = virtualByKey.get(canonical(fileName));
      if (file) return ts.createSourceFile(fileName, file.text, languageVersionOrOptions);
      if (isVirtual(fileName) || !mayRead(fileName)) return undefined;
      // Libraries are parsed once even when a crash makes the check fall back to one
      // program per skill; the language service shares source files between programs the same way.
      const o = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
      const key = `${canonical(fileName)}|${o.languageVersion}|${o.impliedNodeFormat ?? ''}|${o.jsDocParsingMode ?? ''}`;
      let sourceFile = parsed.get(key);
      if (!sourceFile) {
        sourceFile = base.getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
        if (sourceFile) parsed.set(key, sourceFile);
      }
      return sourceFile;
    },
    resolveModuleNameLiterals(literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) {
      return literals.map((literal) => resolveOne(literal.text, containingFile, ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions), redirectedReference));
    },
  };
  delete host.trace;

  const resolve = (name: string, from: string, mode: TS.ResolutionMode, redirected: TS.ResolvedProjectReference | undefined): TS.ResolvedModuleWithFailedLookupLocations =>
    ts.resolveModuleName(name, from, options, host, moduleCache, redirected, mode);

  function skillRootOf(file: string): string | undefined {
    const v = virtualByKey.get(canonical(file));
    return v ? skillRoots[v.skill] : undefined;
  }

  function resolveOne(name: string, containingFile: string, mode: TS.ResolutionMode, redirected: TS.ResolvedProjectReference | undefined): TS.ResolvedModuleWithFailedLookupLocations {
    const skillRoot = skillRootOf(containingFile);
    const inStubs = stubsDir !== undefined && isUnder(canonical(containingFile), canonical(stubsDir));
    if (skillRoot !== undefined || inStubs) {
      const roots = [skillRoot, stubsDir].filter((r): r is string => r !== undefined);
      for (const target of matchAlias(aliases, name)) {
        for (const root of roots) {
          // An absolute module name resolves like a relative one (extensions, index files)
          // under the same module-resolution rules as the project.
          const found = resolve(path.posix.join(root, target), containingFile, mode, redirected);
          if (found.resolvedModule) return found;
        }
      }
    }
    const normal = resolve(name, containingFile, mode, redirected);
    if (normal.resolvedModule || skillRoot === undefined || stubsDir === undefined) return normal;
    if (!name.startsWith('./') && !name.startsWith('../')) return normal;
    // The stubs folder is overlaid on the skill's root: `../lib/email` from
    // src/inngest/functions/x.ts may find stubs/src/lib/email.ts.
    const mirrored = path.posix.join(toSlash(stubsDir), path.posix.relative(skillRoot, toSlash(containingFile)));
    const fromStubs = resolve(name, mirrored, mode, redirected);
    return fromStubs.resolvedModule ? fromStubs : normal;
  }

  return host;
}
