/**
 * `plugin.json` is the one place a maintainer edits; Claude Code's two manifests are
 * computed from it. Keeping them derived (and checked for drift) means a version bump or a
 * new skill cannot reach one client and miss the other.
 *
 * Pure: plugin data in, file paths and contents out. Writing is `writeDerivedManifests`.
 */
import { isRecord, type ManifestKind } from './model.js';
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

/** `.claude-plugin/plugin.json`: Claude Code's view of the same plugin. */
export function deriveClaudePlugin(plugin: OwnPluginJson): Record<string, unknown> {
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
        category: market.category,
        tags: market.tags ? [...market.tags] : undefined,
        skills: [...plugin.skills],
      }),
    ],
  });
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
