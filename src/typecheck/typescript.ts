/**
 * Finds and loads the TypeScript compiler on demand. Nothing else in the package imports
 * `typescript` at run time, so `validate` without `--typecheck` never pays for it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as TS from 'typescript';

export type TypeScriptModule = typeof TS;

export type LoadedTypeScript =
  | { ok: true; ts: TypeScriptModule; /** Resolved entry file. */ path: string; version: string }
  | { ok: false; message: string; hint: string };

/** The oldest compiler whose API this module uses (`resolveModuleNameLiterals`, `moduleDetection`). */
const MIN_MAJOR = 5;

/** This package's own folder, the last place to look. */
export function ownDirectory(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

function resolveFrom(dir: string): string | undefined {
  try {
    // createRequire wants a file path; the file need not exist.
    return createRequire(path.join(dir, '__vibe_skills_resolve__.js')).resolve('typescript');
  } catch {
    return undefined;
  }
}

function isTypeScript(value: unknown): value is TypeScriptModule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['version'] === 'string' && typeof v['createProgram'] === 'function' && typeof v['parseJsonConfigFileContent'] === 'function';
}

const loaded = new Map<string, Promise<LoadedTypeScript>>();

async function importCompiler(entry: string): Promise<LoadedTypeScript> {
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(entry).href);
  } catch (error) {
    return {
      ok: false,
      message: `TypeScript at ${entry} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Reinstall it in the project folder: npm install --save-dev typescript',
    };
  }
  const candidate = (mod as { default?: unknown }).default ?? mod;
  if (!isTypeScript(candidate)) {
    return {
      ok: false,
      message: `the module at ${entry} is not the TypeScript compiler`,
      hint: 'Reinstall it in the project folder: npm install --save-dev typescript',
    };
  }
  const major = Number.parseInt(candidate.version, 10);
  if (!(major >= MIN_MAJOR)) {
    return {
      ok: false,
      message: `TypeScript ${candidate.version} at ${entry} is too old for the type check (needs ${MIN_MAJOR}.0 or newer)`,
      hint: 'Upgrade it in the project folder: npm install --save-dev typescript@latest',
    };
  }
  return { ok: true, ts: candidate, path: entry, version: candidate.version };
}

/**
 * Loads the first TypeScript found from the given folders, in order (normally the
 * project folder, then this package). The first one found wins even when it is
 * unusable: silently switching compilers would check against a different version than
 * the user installed.
 */
export function loadTypeScript(searchFrom: readonly string[]): Promise<LoadedTypeScript> {
  for (const dir of searchFrom) {
    const entry = resolveFrom(dir);
    if (entry === undefined) continue;
    let result = loaded.get(entry);
    if (!result) {
      result = importCompiler(entry);
      loaded.set(entry, result);
    }
    return result;
  }
  return Promise.resolve({
    ok: false,
    message: `the type check needs TypeScript, and none was found from ${searchFrom.join(' or ')}`,
    hint: 'Install it where the compiler is looked for (the --project folder, or with a project named in .vibe-skills.json the folder you run from): npm install --save-dev typescript',
  });
}
