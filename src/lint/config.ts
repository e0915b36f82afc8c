/**
 * Repository configuration: `.vibe-skills.json` at the root of the validated tree (or the file
 * given with --config). JSON on purpose: configuration is data, and a config file must never be
 * a way to run code.
 */
// zod/mini imported statically (a bundler keeps only what is used) rather than classic zod,
// which costs 60-80 ms to initialise even bundled; see src/plugin/schemas.ts.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { SeveritySetting } from '../types.js';
import { allRules } from './rules/index.js';

export const CONFIG_FILE = '.vibe-skills.json';

function buildSchema() {
  const severity = z.pipe(
    z.enum(['error', 'warning', 'warn', 'off']),
    z.transform((s: 'error' | 'warning' | 'warn' | 'off'): SeveritySetting => (s === 'warn' ? 'warning' : s)),
  );

  return z.strictObject({
    $schema: z.optional(z.string()),
    /** Per-rule severity: `"description-trigger": "off"`. */
    rules: z._default(z.record(z.string(), severity), {}),
    /** Skill names that live elsewhere but may be referenced ("Composes With: `shadcn-ui`"). */
    externalSkills: z._default(z.array(z.string()), []),
    /** Paths (relative to the config file's folder) whose skills are not validated. */
    ignore: z._default(z.array(z.string()), []),
    /** For `--typecheck`: the project that provides packages and the stubs overlaid as app files. */
    typecheck: z.optional(
      z.strictObject({
        project: z.string(),
        stubs: z.optional(z.string()),
      }),
    ),
  });
}

/**
 * Built on first use: building costs, and most runs have no config file. zod/mini loads no
 * locale and every message here is zod's own English ("Invalid input: expected string,
 * received number", "Unrecognized key: ..."), so install English as classic zod does on its
 * first schema: only when no locale is set. Cheaper and safer than re-wording every issue code
 * by hand (the locale is ~3 KB minified and takes no measurable time).
 */
let schema: ReturnType<typeof buildSchema> | undefined;
function configSchema(): ReturnType<typeof buildSchema> {
  if (!z.config().localeError) z.config(en());
  schema ??= buildSchema();
  return schema;
}

export type VibeConfig = z.output<ReturnType<typeof buildSchema>>;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly hint?: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse config text. Throws ConfigError with the file, the field and how to fix it. A rule id
 * must be one of `knownRules`, by default the rules of this build.
 */
export function parseConfig(text: string, file: string, knownRules: ReadonlySet<string> = new Set(allRules.map((r) => r.id))): VibeConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, `not valid JSON (${(e as Error).message})`, 'fix the JSON syntax');
  }
  // Checked on the JSON itself: a record schema builds a plain object, where a `__proto__` key
  // sets the prototype instead of a property and would vanish without a word.
  const rawRules = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).rules : undefined;
  if (typeof rawRules === 'object' && rawRules !== null && !Array.isArray(rawRules)) {
    for (const id of Object.keys(rawRules)) {
      if (!knownRules.has(id)) throw new ConfigError(file, `rules.${id}: no such rule`, 'run `vibe-skills rules` to list rule ids');
    }
  }
  const parsed = configSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ConfigError(file, `${where}: ${issue.message}`, 'allowed keys: rules, externalSkills, ignore, typecheck; severities: error, warning, off');
  }
  return parsed.data;
}

/** Parse `--rule id=severity` command-line overrides. */
export function parseRuleOverrides(specs: readonly string[], knownRules: ReadonlySet<string>): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const m = /^([a-z0-9-]+)[=:](error|warning|warn|off)$/.exec(spec.trim());
    if (!m) throw new ConfigError('--rule', `"${spec}" is not of the form <rule-id>=<error|warning|off>`, 'example: --rule description-trigger=off');
    if (!knownRules.has(m[1]!)) throw new ConfigError('--rule', `no rule "${m[1]}"`, 'run `vibe-skills rules` to list rule ids');
    out[m[1]!] = m[2] === 'warn' ? 'warning' : (m[2] as SeveritySetting);
  }
  return out;
}
