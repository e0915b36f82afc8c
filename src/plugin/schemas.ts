/**
 * Schemas (zod 4) for the three manifests a skill repository may carry:
 *
 * - `plugin.json` at the root: OUR source of truth. Small, strict, everything the derived
 *   files need and nothing they can compute.
 * - `.claude-plugin/plugin.json`: Claude Code's plugin manifest.
 * - `.claude-plugin/marketplace.json`: Claude Code's marketplace catalog, which the
 *   `skills` CLI also reads (`plugins[].skills`).
 *
 * The Claude Code shapes follow what Claude Code itself accepts (its `plugin validate`
 * knows the same fields), with three deliberate tightenings a linter should make:
 * names are kebab-case, versions are semver, and paths start with `./` (never `.`: the
 * `skills` CLI silently ignores any path that does not start with `./`).
 *
 * Each schema comes in two flavours: `strict` (unknown keys are issues: the unknown-field
 * rule, a warning) and `loose` (unknown keys ignored: the schema rule, an error), so one
 * mistake is reported once, at the right severity.
 */
// zod/mini, not classic zod: classic attaches its whole method API to every schema class and
// costs 60-80 ms to initialise even bundled; zod/mini, imported statically so a bundler keeps
// only the functions named here, costs a few ms to import, build and run. Same engine
// (zod/v4/core), so the same issues; the schemas are still built on first use.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { ComponentField } from './model.js';
import { isMcpbUrl } from './paths.js';

/**
 * zod/mini loads no locale, so every issue we do not word ourselves (unknown keys, a bare
 * `minLength`, a nested type error) would read "Invalid input". Classic zod installs English
 * when it builds its first schema unless a locale is already set; we do exactly the same, so
 * the messages stay byte-identical for us and for anyone who calls `.safeParse` on these
 * schemas. Chosen over writing the English messages ourselves: the locale is one small module
 * (~3 KB of a ~38 KB minified bundle, no measurable time) and covers every issue code zod can
 * raise, not just the ones we thought of. Imported by path: `z.locales.en` would bundle every
 * language (~300 KB).
 */
function englishByDefault(): void {
  if (!z.config().localeError) z.config(en());
}

/** A value built on first use and kept: building zod schemas is the costly part. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) {
      englishByDefault();
      value = make();
    }
    return value;
  };
}

export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** semver.org 2.0.0, the recommended regular expression. */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
export const MAX_NAME_LENGTH = 64;
export const MAX_DESCRIPTION_LENGTH = 1024;

/**
 * Marks the "must start with ./" issue so the schema rule can leave it to the paths rule,
 * which says the same thing with the resolved path in hand.
 */
export const RELATIVE_PATH_ISSUE = 'relative-path';

export type SchemaFlavour = 'strict' | 'loose';

function objectFor(flavour: SchemaFlavour) {
  return flavour === 'strict' ? z.strictObject : z.object;
}

const kebabName = lazy(() =>
  z.string().check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` }),
    z.regex(KEBAB_CASE, { error: 'must be kebab-case: lowercase letters, digits and single hyphens, e.g. "my-plugin"' }),
  ),
);

const semver = lazy(() =>
  z.string().check(z.regex(SEMVER, { error: 'must be a semantic version such as "1.2.3" (semver.org)' })),
);

const httpUrl = lazy(() =>
  z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
);

const description = lazy(() =>
  // Trim first: the length checks judge the trimmed text.
  z.string().check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_DESCRIPTION_LENGTH, { error: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` }),
  ),
);

/** A path relative to the manifest's base folder, written the portable way. */
export const relativePath = lazy(() =>
  z.string().check(
    z.refine((value: string) => value.startsWith('./'), {
      error: 'must be a relative path that starts with "./"',
      params: { code: RELATIVE_PATH_ISSUE },
    }),
  ),
);

const keywords = lazy(() =>
  z.array(z.string().check(z.minLength(1, { error: 'must not be empty' }))),
);

function personSchema(flavour: SchemaFlavour) {
  return objectFor(flavour)({
    name: z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' })),
    email: z.optional(z.email({ error: 'must be an email address' })),
    url: z.optional(httpUrl()),
  });
}

function uniqueStrings(values: readonly string[], ctx: z.core.$RefinementCtx<string[]>, what: string): void {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else ctx.addIssue({ code: 'custom', path: [index], message: `duplicate ${what} "${value}" (also at index ${first})` });
  });
}

/** Our root `plugin.json`. */
export function ownPluginSchema(flavour: SchemaFlavour = 'loose') {
  return flavour === 'strict' ? (ownStrict ??= buildOwnPlugin('strict')) : (ownLoose ??= buildOwnPlugin('loose'));
}

function buildOwnPlugin(flavour: SchemaFlavour) {
  englishByDefault();
  const obj = objectFor(flavour);
  return obj({
    $schema: z.optional(z.string()),
    name: kebabName(),
    displayName: z.optional(z.string().check(z.minLength(1))),
    version: semver(),
    description: description(),
    author: personSchema(flavour),
    license: z.optional(z.string().check(z.minLength(1))),
    homepage: z.optional(httpUrl()),
    repository: z.optional(httpUrl()),
    keywords: z.optional(keywords()),
    // GitHub Copilot CLI's plugin metadata (it reads this file as its own manifest); the
    // marketplace entry takes them unless `marketplace` says otherwise.
    category: z.optional(z.string().check(z.minLength(1))),
    tags: z.optional(keywords()),
    skills: z.array(relativePath()).check(
      z.minLength(1, { error: 'must list at least one skill folder, e.g. "./skills/my-skill"' }),
      z.superRefine((values: string[], ctx) => uniqueStrings(values, ctx, 'skill path')),
    ),
    // Claude Code's component fields, copied as they are into .claude-plugin/plugin.json: their
    // paths are relative to the plugin root, which is this file's folder in both files.
    ...componentShape(),
    /** What the derived marketplace says beyond the plugin itself. */
    marketplace: z.optional(
      obj({
        name: z.optional(kebabName()),
        owner: z.optional(personSchema(flavour)),
        description: z.optional(description()),
        category: z.optional(z.string().check(z.minLength(1))),
        tags: z.optional(keywords()),
      }),
    ),
  });
}

const looseRecord = lazy(() =>
  z.record(z.string(), z.unknown()),
);

/**
 * The "./" check for every string inside a union value. Done after the union, not inside
 * it: a failed refinement inside a union option surfaces only as "no option matched".
 */
function checkPathStrings(value: unknown, ctx: z.core.$RefinementCtx<unknown>, allowed?: (s: string) => boolean): void {
  const visit = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string') {
      if (!v.startsWith('./') && !allowed?.(v)) {
        ctx.addIssue({ code: 'custom', path, message: 'must be a relative path that starts with "./"', params: { code: RELATIVE_PATH_ISSUE } });
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(value, []);
}

const pathOrPaths = lazy(() =>
  z
    .union([z.string(), z.array(z.string())], { error: 'must be a "./" path or a list of them' })
    .check(z.superRefine(checkPathStrings)),
);
const commandsField = lazy(() =>
  z
    .union([z.string(), z.array(z.string()), looseRecord()], { error: 'must be a "./" path, a list of them, or an object of commands' })
    .check(z.superRefine(checkPathStrings)),
);
const pathOrConfig = lazy(() =>
  z
    .union([z.string(), looseRecord(), z.array(z.union([z.string(), looseRecord()]))], {
      error: 'must be a "./" path, an inline object, or a list of either',
    })
    .check(z.superRefine(checkPathStrings)),
);
/** `mcpServers`: as pathOrConfig, and an MCPB bundle may also be named by URL. */
const mcpServersField = lazy(() =>
  z
    .union([z.string(), looseRecord(), z.array(z.union([z.string(), looseRecord()]))], {
      error: 'must be a "./" path, an MCPB URL, an inline object, or a list of them',
    })
    .check(z.superRefine((value, ctx) => checkPathStrings(value, ctx, isMcpbUrl))),
);

/** Claude Code's component fields (model.ts), in our root plugin.json and in .claude-plugin/plugin.json alike. */
function componentShape() {
  return {
    commands: z.optional(commandsField()),
    agents: z.optional(pathOrPaths()),
    outputStyles: z.optional(pathOrPaths()),
    hooks: z.optional(pathOrConfig()),
    mcpServers: z.optional(mcpServersField()),
    lspServers: z.optional(pathOrConfig()),
  } satisfies Record<ComponentField, unknown>;
}

/**
 * Fields of Claude Code's plugin manifest (all of them, so none is reported unknown);
 * component shapes beyond their path strings are Claude Code's business, not ours.
 */
function claudePluginShape(flavour: SchemaFlavour) {
  return {
    $schema: z.optional(z.string()),
    name: kebabName(),
    displayName: z.optional(z.string()),
    version: z.optional(semver()),
    description: z.optional(z.string()),
    author: z.optional(personSchema(flavour)),
    homepage: z.optional(httpUrl()),
    repository: z.optional(z.string()),
    license: z.optional(z.string()),
    keywords: z.optional(keywords()),
    icon: z.optional(z.string()),
    privacyPolicyUrl: z.optional(httpUrl()),
    defaultEnabled: z.optional(z.boolean()),
    dependencies: z.optional(z.array(z.union([z.string(), looseRecord()]))),
    metadata: z.optional(looseRecord()),
    engines: z.optional(looseRecord()),
    network: z.optional(looseRecord()),
    skills: z.optional(pathOrPaths()),
    ...componentShape(),
    themes: z.optional(z.unknown()),
    workflows: z.optional(z.unknown()),
    channels: z.optional(z.unknown()),
    monitors: z.optional(z.unknown()),
    settings: z.optional(z.unknown()),
    types: z.optional(z.unknown()),
    userConfig: z.optional(z.unknown()),
    binaries: z.optional(z.unknown()),
    experimental: z.optional(z.unknown()),
  };
}

/** `.claude-plugin/plugin.json`. */
export function claudePluginSchema(flavour: SchemaFlavour = 'loose') {
  return flavour === 'strict' ? (claudeStrict ??= buildClaudePlugin('strict')) : (claudeLoose ??= buildClaudePlugin('loose'));
}

function buildClaudePlugin(flavour: SchemaFlavour) {
  englishByDefault();
  return objectFor(flavour)(claudePluginShape(flavour));
}

/** Where a marketplace entry's plugin lives: a relative folder, or a remote source object. */
const pluginSource = lazy(() =>
  z.union([
    z.string().check(z.minLength(1, { error: 'must not be empty' })),
    z.looseObject({ source: z.string().check(z.minLength(1)) }),
  ]),
);

function marketplaceEntrySchema(flavour: SchemaFlavour) {
  const shape = claudePluginShape(flavour);
  return objectFor(flavour)({
    ...shape,
    name: kebabName(),
    source: pluginSource(),
    category: z.optional(z.string()),
    tags: z.optional(keywords()),
    strict: z.optional(z.boolean()),
    headers: z.optional(z.record(z.string(), z.string())),
    headersHelper: z.optional(z.string()),
    relevance: z.optional(looseRecord()),
  });
}

/** `.claude-plugin/marketplace.json`. */
export function marketplaceSchema(flavour: SchemaFlavour = 'loose') {
  return flavour === 'strict' ? (marketStrict ??= buildMarketplace('strict')) : (marketLoose ??= buildMarketplace('loose'));
}

function buildMarketplace(flavour: SchemaFlavour) {
  englishByDefault();
  const obj = objectFor(flavour);
  const entrySchema = marketplaceEntrySchema(flavour);
  return obj({
    $schema: z.optional(z.string()),
    name: kebabName(),
    version: z.optional(z.string()),
    description: z.optional(z.string()),
    owner: personSchema(flavour),
    plugins: z.array(entrySchema).check(
      z.minLength(1, { error: 'must list at least one plugin' }),
      z.superRefine((entries: z.output<typeof entrySchema>[], ctx) => {
        const seen = new Map<string, number>();
        entries.forEach((entry, index) => {
          const first = seen.get(entry.name);
          if (first === undefined) seen.set(entry.name, index);
          else ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate plugin name "${entry.name}" (also plugins[${first}])` });
        });
      }),
    ),
    forceRemoveDeletedPlugins: z.optional(z.boolean()),
    metadata: z.optional(
      obj({
        pluginRoot: z.optional(z.string()),
        version: z.optional(z.string()),
        description: z.optional(z.string()),
      }),
    ),
    allowCrossMarketplaceDependenciesOn: z.optional(z.array(z.string())),
    renames: z.optional(z.record(z.string(), z.nullable(z.string()))),
  });
}

// Built once per flavour: zod schemas are immutable, and building them is the costly part.
let ownStrict: ReturnType<typeof buildOwnPlugin> | undefined;
let ownLoose: ReturnType<typeof buildOwnPlugin> | undefined;
let claudeStrict: ReturnType<typeof buildClaudePlugin> | undefined;
let claudeLoose: ReturnType<typeof buildClaudePlugin> | undefined;
let marketStrict: ReturnType<typeof buildMarketplace> | undefined;
let marketLoose: ReturnType<typeof buildMarketplace> | undefined;

export type OwnPluginJson = z.infer<ReturnType<typeof ownPluginSchema>>;
export type ClaudePluginJson = z.infer<ReturnType<typeof claudePluginSchema>>;
export type MarketplaceJson = z.infer<ReturnType<typeof marketplaceSchema>>;
export type Person = z.infer<ReturnType<typeof personSchema>>;

export interface SchemaIssue {
  /** Where in the document (JSON pointer segments). */
  path: (string | number)[];
  message: string;
  /** zod's issue code (`invalid_type`, `unrecognized_keys`, `custom`...). */
  code: string;
  /** For `unrecognized_keys`: the keys. */
  keys?: string[];
  /** Our own marker (`relative-path`). */
  marker?: string;
}

/** Messages for missing and mistyped fields that say what to write. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    const got = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input;
    return `must be ${article(issue.expected)}, not ${got}`;
  }
  if (issue.code === 'invalid_union') return 'has the wrong type or shape';
  return undefined;
};

function article(expected: string): string {
  if (expected === 'object') return 'an object';
  if (expected === 'array') return 'an array';
  return `a ${expected}`;
}

/**
 * Run a schema and flatten its issues into plain data. Takes any zod 4 schema (mini or
 * classic: both are a `$ZodType`), and parses with the core function rather than a method.
 */
export function schemaIssues(schema: z.core.$ZodType, data: unknown): SchemaIssue[] {
  englishByDefault();
  const result = z.safeParse(schema, data, { error: errorMap });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const out: SchemaIssue = { path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message, code: issue.code };
    if (issue.code === 'unrecognized_keys') out.keys = [...issue.keys];
    if (issue.code === 'custom') {
      const marker = (issue.params as { code?: unknown } | undefined)?.code;
      if (typeof marker === 'string') out.marker = marker;
    }
    return out;
  });
}
