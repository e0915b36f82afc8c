/**
 * `plugin.json` is the one place a maintainer edits; Claude Code's two manifests are
 * computed from it. Keeping them derived (and checked for drift) means a version bump or a
 * new skill cannot reach one client and miss the other.
 *
 * Pure: plugin data in, file paths and contents out. Writing is `writeDerivedManifests`.
 */
import { COMPONENT_FIELDS, isRecord, type ManifestKind } from './model.js';
import type { OwnPluginJson, Person } from './schemas.js';

export interface DerivedManifest {
  kind: Exclude<ManifestKind, 'plugin'>;
  /** Relative to the repository root, `/` separators. */
  path: string;
  /** Exactly what `vibe-skills plugin sync` writes (2-space JSON, trailing newline). */
  content: string;
  /** The same, parsed. */
  data: Record<string, unknown>;
}

export const CLAUDE_PLUGIN_PATH = '.claude-plugin/plugin.json';
export const MARKETPLACE_PATH = '.claude-plugin/marketplace.json';

/** Drop undefined fields so the output has no `"x": undefined` holes and a stable shape. */
function compact<T extends Record<string, unknown>>(obj: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) if (value !== undefined) out[key] = value;
  return out;
}

function person(p: Person): Record<string, unknown> {
  return compact({ name: p.name, email: p.email, url: p.url });
}

function render(data: Record<string, unknown>): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * `.claude-plugin/plugin.json`: Claude Code's view of the same plugin. The component fields
 * (`hooks`, `mcpServers`, `agents`...) plugin.json holds are copied as they are: their paths are
 * relative to the plugin root, the folder of plugin.json and the one that holds .claude-plugin/.
 */
export function deriveClaudePlugin(plugin: OwnPluginJson): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  for (const field of COMPONENT_FIELDS) if (plugin[field] !== undefined) components[field] = structuredClone(plugin[field]);
  return compact({
    name: plugin.name,
    displayName: plugin.displayName,
    version: plugin.version,
    description: plugin.description,
    author: person(plugin.author),
    homepage: plugin.homepage,
    repository: plugin.repository,
    license: plugin.license,
    keywords: plugin.keywords ? [...plugin.keywords] : undefined,
    skills: [...plugin.skills],
    ...components,
  });
}

/**
 * `.claude-plugin/marketplace.json`: a one-plugin catalog whose plugin is the repository
 * itself (`source: "./"`), so `/plugin marketplace add owner/repo` works. The entry lists
 * `skills` too: for a root-sourced entry Claude Code then loads exactly those folders, and
 * the `skills` CLI groups the skills under the plugin's name.
 */
export function deriveMarketplace(plugin: OwnPluginJson): Record<string, unknown> {
  const market = plugin.marketplace ?? {};
  // `category` and `tags` at the top are GitHub Copilot CLI's; `marketplace` may say otherwise.
  const tags = market.tags ?? plugin.tags;
  return compact({
    name: market.name ?? plugin.name,
    owner: person(market.owner ?? plugin.author),
    metadata: compact({ description: market.description ?? plugin.description, version: plugin.version }),
    plugins: [
      compact({
        name: plugin.name,
        source: './',
        description: plugin.description,
        version: plugin.version,
        author: person(plugin.author),
        homepage: plugin.homepage,
        repository: plugin.repository,
        license: plugin.license,
        keywords: plugin.keywords ? [...plugin.keywords] : undefined,
        category: market.category ?? plugin.category,
        tags: tags ? [...tags] : undefined,
        skills: [...plugin.skills],
      }),
    ],
  });
}

/**
 * The keys of `.claude-plugin/plugin.json` that sync always writes; any other key is the user's
 * and is kept. A component field is sync's only when plugin.json holds it (it is then in the
 * derived data, which wins); otherwise one written by hand in .claude-plugin/plugin.json is kept.
 */
const CLAUDE_PLUGIN_KEYS = new Set(['name', 'displayName', 'version', 'description', 'author', 'homepage', 'repository', 'license', 'keywords', 'skills']);
/** The same for marketplace.json: its top level, its `metadata`, and the repository's own entry in `plugins`. */
const MARKETPLACE_KEYS = new Set(['name', 'owner', 'metadata', 'plugins']);
const MARKETPLACE_METADATA_KEYS = new Set(['description', 'version']);
const MARKETPLACE_ENTRY_KEYS = new Set(['name', 'source', 'description', 'version', 'author', 'homepage', 'repository', 'license', 'keywords', 'category', 'tags', 'skills']);

/** `owned` with the keys of `existing` it does not own appended, in their order. */
function keepOthers(owned: Record<string, unknown>, existing: unknown, ownedKeys: ReadonlySet<string>): Record<string, unknown> {
  if (!isRecord(existing)) return owned;
  const out = { ...owned };
  // Defined, not assigned: `out.__proto__ = v` would set the prototype and drop the field.
  for (const [key, value] of Object.entries(existing)) {
    if (!ownedKeys.has(key) && !Object.hasOwn(out, key)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * What sync writes over an existing derived file: its own fields from plugin.json, and everything
 * else the file holds kept as it is — `hooks`, `mcpServers` or `agents` written by hand in
 * .claude-plugin/plugin.json (when plugin.json has none of its own), `metadata.pluginRoot`, the
 * other plugins of a marketplace. Sync owns fields, not files, so following the drift rule's
 * "run sync" never loses a field that only the derived file has.
 */
export function mergeDerived(kind: DerivedManifest['kind'], derived: Record<string, unknown>, existing: unknown): Record<string, unknown> {
  if (kind === 'claude-plugin') return keepOthers(derived, existing, CLAUDE_PLUGIN_KEYS);
  if (!isRecord(existing)) return derived;
  const metadata = keepOthers(derived.metadata as Record<string, unknown>, existing.metadata, MARKETPLACE_METADATA_KEYS);
  const [entry] = derived.plugins as Record<string, unknown>[];
  const others = Array.isArray(existing.plugins) ? existing.plugins : [];
  const at = others.findIndex((p) => isRecord(p) && p.name === entry!.name);
  const plugins = at === -1 ? [entry, ...others] : others.map((p, i) => (i === at ? keepOthers(entry!, p, MARKETPLACE_ENTRY_KEYS) : p));
  return keepOthers({ ...derived, metadata, plugins }, existing, MARKETPLACE_KEYS);
}

/** A derived manifest as it would be written over `existing` (the parsed file, or undefined when there is none). */
export function withExisting(derived: DerivedManifest, existing: unknown): DerivedManifest {
  if (existing === undefined) return derived;
  const data = mergeDerived(derived.kind, derived.data, existing);
  return { ...derived, data, content: render(data) };
}

/** Both derived manifests, in a fixed order. */
export function deriveManifests(plugin: OwnPluginJson): DerivedManifest[] {
  const claude = deriveClaudePlugin(plugin);
  const market = deriveMarketplace(plugin);
  return [
    { kind: 'claude-plugin', path: CLAUDE_PLUGIN_PATH, content: render(claude), data: claude },
    { kind: 'marketplace', path: MARKETPLACE_PATH, content: render(market), data: market },
  ];
}

/**
 * The first place two JSON values differ (object key order ignored), or undefined when
 * they are equal. `actual` is what is on disk, `expected` what sync would write.
 */
export function firstDifference(actual: unknown, expected: unknown, pointer: (string | number)[] = []): (string | number)[] | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const n = Math.max(actual.length, expected.length);
    for (let i = 0; i < n; i++) {
      if (i >= actual.length || i >= expected.length) return [...pointer, i];
      const d = firstDifference(actual[i], expected[i], [...pointer, i]);
      if (d) return d;
    }
    return undefined;
  }
  if (isRecord(actual) && isRecord(expected)) {
    for (const key of Object.keys(expected)) {
      if (!Object.hasOwn(actual, key)) return [...pointer, key];
      const d = firstDifference(actual[key], expected[key], [...pointer, key]);
      if (d) return d;
    }
    for (const key of Object.keys(actual)) if (!Object.hasOwn(expected, key)) return [...pointer, key];
    return undefined;
  }
  return pointer;
}
