/**
 * Finds and loads the TypeScript compiler on demand. Nothing else in the package imports
 * `typescript` at run time, so `validate` without `--typecheck` never pays for it.
 *
 * TypeScript 7 is a native compiler: its `typescript` package exports the version and an
 * unstable client for the native process, not the JavaScript compiler API (`createProgram`)
 * this check drives. Microsoft publishes the TypeScript 6 API as `@typescript/typescript6`,
 * to be installed beside TypeScript 7 (or aliased as `typescript`); that is what a project on
 * TypeScript 7 is checked with.
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
/** The first major release without the JavaScript compiler API. */
const NATIVE_MAJOR = 7;
/** TypeScript 6's compiler API, published to sit beside the native TypeScript 7. */
const COMPAT_PACKAGE = '@typescript/typescript6';

/** This package's own folder, the last place to look. */
export function ownDirectory(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

function resolveFrom(dir: string, specifier: string): string | undefined {
  try {
    // createRequire wants a file path; the file need not exist.
    return createRequire(path.join(dir, '__vibe_skills_resolve__.js')).resolve(specifier);
  } catch {
    return undefined;
  }
}

function isTypeScript(value: unknown): value is TypeScriptModule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['version'] === 'string' && typeof v['createProgram'] === 'function' && typeof v['parseJsonConfigFileContent'] === 'function';
}

/** A failed load of a native TypeScript (7+), which a compat package beside it may replace. */
type Imported = LoadedTypeScript | { ok: false; message: string; hint: string; native: true };

const loaded = new Map<string, Promise<Imported>>();

/** The version of a TypeScript 7+ package (which exports no compiler API), else undefined. */
function nativeVersion(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const version = (value as Record<string, unknown>)['version'];
  return typeof version === 'string' && Number.parseInt(version, 10) >= NATIVE_MAJOR ? version : undefined;
}

async function importCompiler(entry: string): Promise<Imported> {
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
  const version = isTypeScript(candidate) ? undefined : nativeVersion(candidate);
  if (version !== undefined) {
    return {
      ok: false,
      native: true,
      message: `TypeScript ${version} at ${entry} is the native compiler, which has no JavaScript compiler API for the type check to drive`,
      hint: `Install the TypeScript 6 API beside it: npm install --save-dev ${COMPAT_PACKAGE}`,
    };
  }
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
      hint: `Upgrade it in the project folder: npm install --save-dev typescript@6 (TypeScript 7 needs ${COMPAT_PACKAGE} beside it)`,
    };
  }
  return { ok: true, ts: candidate, path: entry, version: candidate.version };
}

function importOnce(entry: string): Promise<Imported> {
  let result = loaded.get(entry);
  if (!result) {
    result = importCompiler(entry);
    loaded.set(entry, result);
  }
  return result;
}

/**
 * Loads the first TypeScript found from the given folders, in order (normally the
 * project folder, then this package). The first one found wins even when it is
 * unusable: silently switching compilers would check against a different version than
 * the user installed. The one exception is the layout Microsoft recommends for
 * TypeScript 7: its `typescript` has no compiler API, and the `@typescript/typescript6`
 * installed beside it is the API the project's tools use.
 */
export async function loadTypeScript(searchFrom: readonly string[]): Promise<LoadedTypeScript> {
  for (const dir of searchFrom) {
    const entry = resolveFrom(dir, 'typescript');
    const first = entry === undefined ? undefined : await importOnce(entry);
    if (first !== undefined && (first.ok || !('native' in first))) return first;
    const compat = resolveFrom(dir, COMPAT_PACKAGE);
    if (compat !== undefined) return importOnce(compat);
    if (first !== undefined) return first;
  }
  return {
    ok: false,
    message: `the type check needs TypeScript, and none was found from ${searchFrom.join(' or ')}`,
    hint: `Install it where the compiler is looked for (the --project folder, or with a project named in .vibe-skills.json the folder you run from): npm install --save-dev typescript@6, or ${COMPAT_PACKAGE} beside TypeScript 7`,
  };
}
