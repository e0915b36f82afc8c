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
import { createRequire } from 'node:module';
import type { z } from 'zod';

/**
 * zod, loaded on first use: manifests are rare in a skill tree and zod costs ~100 ms of
 * start-up, so a run over skills alone never loads it. zod ships CommonJS, so a synchronous
 * require works from ESM.
 */
let zod: typeof z | undefined;
function Z(): typeof z {
  zod ??= (createRequire(import.meta.url)('zod') as { z: typeof z }).z;
  return zod;
}

/** A value built on first use and kept. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
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
  return flavour === 'strict' ? Z().strictObject : Z().object;
}

const kebabName = lazy(() =>
  Z()
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` })
    .regex(KEBAB_CASE, { error: 'must be kebab-case: lowercase letters, digits and single hyphens, e.g. "my-plugin"' }),
);

const semver = lazy(() =>
  Z().string().regex(SEMVER, { error: 'must be a semantic version such as "1.2.3" (semver.org)' }),
);

const httpUrl = lazy(() =>
  Z().url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
);

const description = lazy(() =>
  Z()
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_DESCRIPTION_LENGTH, { error: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` }),
);

/** A path relative to the manifest's base folder, written the portable way. */
export const relativePath = lazy(() =>
  Z().string().refine((value) => value.startsWith('./'), {
    error: 'must be a relative path that starts with "./"',
    params: { code: RELATIVE_PATH_ISSUE },
  }),
);

const keywords = lazy(() =>
  Z().array(Z().string().min(1, { error: 'must not be empty' })),
);

function personSchema(flavour: SchemaFlavour) {
  return objectFor(flavour)({
    name: Z().string().trim().min(1, { error: 'must not be empty' }),
    email: Z().email({ error: 'must be an email address' }).optional(),
    url: httpUrl().optional(),
  });
}

function uniqueStrings(values: readonly string[], ctx: z.RefinementCtx, what: string): void {
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
  const obj = objectFor(flavour);
  return obj({
    $schema: Z().string().optional(),
    name: kebabName(),
    displayName: Z().string().min(1).optional(),
    version: semver(),
    description: description(),
    author: personSchema(flavour),
    license: Z().string().min(1).optional(),
    homepage: httpUrl().optional(),
    repository: httpUrl().optional(),
    keywords: keywords().optional(),
    skills: Z()
      .array(relativePath())
      .min(1, { error: 'must list at least one skill folder, e.g. "./skills/my-skill"' })
      .superRefine((values, ctx) => uniqueStrings(values, ctx, 'skill path')),
    /** What the derived marketplace says beyond the plugin itself. */
    marketplace: obj({
      name: kebabName().optional(),
      owner: personSchema(flavour).optional(),
      description: description().optional(),
      category: Z().string().min(1).optional(),
      tags: keywords().optional(),
    }).optional(),
  });
}

const looseRecord = lazy(() =>
  Z().record(Z().string(), Z().unknown()),
);

/**
 * The "./" check for every string inside a union value. Done after the union, not inside
 * it: a failed refinement inside a union option surfaces only as "no option matched".
 */
function checkPathStrings(value: unknown, ctx: z.RefinementCtx): void {
  const visit = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string') {
      if (!v.startsWith('./')) {
        ctx.addIssue({ code: 'custom', path, message: 'must be a relative path that starts with "./"', params: { code: RELATIVE_PATH_ISSUE } });
      }
    } else if (Array.isArray(v)) {
      v.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(value, []);
}

const pathOrPaths = lazy(() =>
  Z()
    .union([Z().string(), Z().array(Z().string())], { error: 'must be a "./" path or a list of them' })
    .superRefine(checkPathStrings),
);
const commandsField = lazy(() =>
  Z()
    .union([Z().string(), Z().array(Z().string()), looseRecord()], { error: 'must be a "./" path, a list of them, or an object of commands' })
    .superRefine(checkPathStrings),
);
const pathOrConfig = lazy(() =>
  Z()
    .union([Z().string(), looseRecord(), Z().array(Z().union([Z().string(), looseRecord()]))], {
      error: 'must be a "./" path, an inline object, or a list of either',
    })
    .superRefine(checkPathStrings),
);

/**
 * Fields of Claude Code's plugin manifest (all of them, so none is reported unknown);
 * component shapes beyond their path strings are Claude Code's business, not ours.
 */
function claudePluginShape(flavour: SchemaFlavour) {
  return {
    $schema: Z().string().optional(),
    name: kebabName(),
    displayName: Z().string().optional(),
    version: semver().optional(),
    description: Z().string().optional(),
    author: personSchema(flavour).optional(),
    homepage: httpUrl().optional(),
    repository: Z().string().optional(),
    license: Z().string().optional(),
    keywords: keywords().optional(),
    icon: Z().string().optional(),
    privacyPolicyUrl: httpUrl().optional(),
    defaultEnabled: Z().boolean().optional(),
    dependencies: Z().array(Z().union([Z().string(), looseRecord()])).optional(),
    metadata: looseRecord().optional(),
    engines: looseRecord().optional(),
    network: looseRecord().optional(),
    skills: pathOrPaths().optional(),
    commands: commandsField().optional(),
    agents: pathOrPaths().optional(),
    outputStyles: pathOrPaths().optional(),
    hooks: pathOrConfig().optional(),
    mcpServers: pathOrConfig().optional(),
    lspServers: pathOrConfig().optional(),
    themes: Z().unknown().optional(),
    workflows: Z().unknown().optional(),
    channels: Z().unknown().optional(),
    monitors: Z().unknown().optional(),
    settings: Z().unknown().optional(),
    types: Z().unknown().optional(),
    userConfig: Z().unknown().optional(),
    binaries: Z().unknown().optional(),
    experimental: Z().unknown().optional(),
  };
}

/** `.claude-plugin/plugin.json`. */
export function claudePluginSchema(flavour: SchemaFlavour = 'loose') {
  return flavour === 'strict' ? (claudeStrict ??= buildClaudePlugin('strict')) : (claudeLoose ??= buildClaudePlugin('loose'));
}

function buildClaudePlugin(flavour: SchemaFlavour) {
  return objectFor(flavour)(claudePluginShape(flavour));
}

/** Where a marketplace entry's plugin lives: a relative folder, or a remote source object. */
const pluginSource = lazy(() =>
  Z().union([
    Z().string().min(1, { error: 'must not be empty' }),
    Z().looseObject({ source: Z().string().min(1) }),
  ]),
);

function marketplaceEntrySchema(flavour: SchemaFlavour) {
  const shape = claudePluginShape(flavour);
  return objectFor(flavour)({
    ...shape,
    name: kebabName(),
    source: pluginSource(),
    category: Z().string().optional(),
    tags: keywords().optional(),
    strict: Z().boolean().optional(),
    headers: Z().record(Z().string(), Z().string()).optional(),
    headersHelper: Z().string().optional(),
    relevance: looseRecord().optional(),
  });
}

/** `.claude-plugin/marketplace.json`. */
export function marketplaceSchema(flavour: SchemaFlavour = 'loose') {
  return flavour === 'strict' ? (marketStrict ??= buildMarketplace('strict')) : (marketLoose ??= buildMarketplace('loose'));
}

function buildMarketplace(flavour: SchemaFlavour) {
  const obj = objectFor(flavour);
  return obj({
    $schema: Z().string().optional(),
    name: kebabName(),
    version: Z().string().optional(),
    description: Z().string().optional(),
    owner: personSchema(flavour),
    plugins: Z()
      .array(marketplaceEntrySchema(flavour))
      .min(1, { error: 'must list at least one plugin' })
      .superRefine((entries, ctx) => {
        const seen = new Map<string, number>();
        entries.forEach((entry, index) => {
          const first = seen.get(entry.name);
          if (first === undefined) seen.set(entry.name, index);
          else ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate plugin name "${entry.name}" (also plugins[${first}])` });
        });
      }),
    forceRemoveDeletedPlugins: Z().boolean().optional(),
    metadata: obj({
      pluginRoot: Z().string().optional(),
      version: Z().string().optional(),
      description: Z().string().optional(),
    }).optional(),
    allowCrossMarketplaceDependenciesOn: Z().array(Z().string()).optional(),
    renames: Z().record(Z().string(), Z().string().nullable()).optional(),
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

/** Run a schema and flatten its issues into plain data. */
export function schemaIssues(schema: z.ZodType, data: unknown): SchemaIssue[] {
  const result = schema.safeParse(data, { error: errorMap });
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
