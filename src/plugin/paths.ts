/**
 * Which strings in a manifest are paths, what they should point at, and relative to what.
 * Pure: the loader uses this to decide what to stat, and the rules use the same answer to
 * find the status and the line of each path.
 */
import path from 'node:path';
import { COMPONENT_FIELDS, type ComponentField, isRecord, type ManifestFile, type ManifestKind } from './model.js';

export type PathRole = 'skill' | 'plugin-source' | 'component';

export interface PathRef {
  /** Where the string is in the manifest. */
  pointer: (string | number)[];
  /** The string as written. */
  value: string;
  /**
   * Key into `ManifestFile.paths`: the path relative to the manifest's base folder,
   * normalized (`./plugins/a/skills/x`), or the value itself when it is absolute.
   */
  key: string;
  role: PathRole;
  /** What must be there. */
  expect: 'dir' | 'file' | 'any';
}

/** What the path strings of each component field name. */
const COMPONENT_EXPECT: Readonly<Record<ComponentField, PathRef['expect']>> = {
  commands: 'any',
  agents: 'file',
  outputStyles: 'any',
  hooks: 'file',
  mcpServers: 'file',
  lspServers: 'file',
};


function isAbsoluteAnywhere(value: string): boolean {
  return path.posix.isAbsolute(value) || path.win32.isAbsolute(value);
}

/** Normalize `value` against `baseRel` (a `./`-style folder relative to the manifest base). */
export function pathKey(baseRel: string, value: string): string {
  if (isAbsoluteAnywhere(value)) return value;
  // Under an absolute base (metadata.pluginRoot "/etc"), the path is absolute too: outside.
  if (isAbsoluteAnywhere(baseRel)) return path.posix.join(baseRel, value);
  const joined = path.posix.normalize(path.posix.join(baseRel, value));
  const trimmed = joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
  if (trimmed === '.') return '.';
  if (trimmed === '..' || trimmed.startsWith('../')) return trimmed;
  return `./${trimmed}`;
}

/** The folder a manifest's relative paths start from. */
export function manifestBase(kind: ManifestKind, manifestPath: string): string {
  // Claude Code resolves .claude-plugin/*.json paths against the folder that holds .claude-plugin.
  return kind === 'plugin' ? path.dirname(manifestPath) : path.dirname(path.dirname(manifestPath));
}

function stringsAt(value: unknown, pointer: (string | number)[]): { value: string; pointer: (string | number)[] }[] {
  if (typeof value === 'string') return [{ value, pointer }];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => (typeof item === 'string' ? [{ value: item, pointer: [...pointer, index] }] : []));
  }
  return [];
}

/**
 * `mcpServers` may name an MCPB bundle by URL (`https://…/server.mcpb`, or `.dxt`), which Claude
 * Code downloads: not a path in the repository (claude-code 2.1.330's plugin schema). Both tests
 * are case-sensitive there: `…/X.MCPB` is refused, and `HTTPS://…/x.mcpb` is taken as a local
 * path (`./HTTPS://…`) that is not in the plugin.
 */
export function isMcpbUrl(value: string): boolean {
  return /^https?:\/\/[^/]/.test(value) && /\.(?:mcpb|dxt)$/.test(value);
}

function pluginFieldRefs(data: Record<string, unknown>, baseRel: string, prefix: (string | number)[]): PathRef[] {
  const refs: PathRef[] = [];
  for (const s of stringsAt(data.skills, [...prefix, 'skills'])) {
    refs.push({ ...s, key: pathKey(baseRel, s.value), role: 'skill', expect: 'dir' });
  }
  for (const field of COMPONENT_FIELDS) {
    for (const s of stringsAt(data[field], [...prefix, field])) {
      if (field === 'mcpServers' && isMcpbUrl(s.value)) continue;
      refs.push({ ...s, key: pathKey(baseRel, s.value), role: 'component', expect: COMPONENT_EXPECT[field] });
    }
  }
  return refs;
}

/** A plugin folder name with no path in it (`formatter`), which Claude Code looks up under pluginRoot. */
export function isBareName(source: string): boolean {
  return /^[A-Za-z0-9][-A-Za-z0-9._]*$/.test(source) && !source.includes('..');
}

/**
 * The base folder (relative, `./`-style) of a marketplace entry whose source is a string,
 * as Claude Code resolves it: `./x` from the marketplace root, a bare name under
 * `metadata.pluginRoot`. Undefined for remote sources (their paths live elsewhere).
 */
export function entryBase(entry: Record<string, unknown>, pluginRoot: unknown): string | undefined {
  const source = entry.source;
  if (typeof source !== 'string') return undefined;
  if (isBareName(source) && typeof pluginRoot === 'string' && pluginRoot !== '') {
    return pathKey(pathKey('.', pluginRoot), source);
  }
  return pathKey('.', source);
}

/** Every path the manifest names. Tolerates any shape: non-conforming parts are skipped. */
export function manifestPathRefs(kind: ManifestKind, data: unknown): PathRef[] {
  if (!isRecord(data)) return [];
  // Our root plugin.json and .claude-plugin/plugin.json name the same paths, from the same folder.
  if (kind === 'plugin' || kind === 'claude-plugin') return pluginFieldRefs(data, '.', []);

  const refs: PathRef[] = [];
  const pluginRoot = isRecord(data.metadata) ? data.metadata.pluginRoot : undefined;
  if (!Array.isArray(data.plugins)) return refs;
  data.plugins.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const base = entryBase(entry, pluginRoot);
    if (base === undefined) return;
    if (typeof entry.source === 'string') {
      refs.push({ pointer: ['plugins', index, 'source'], value: entry.source, key: base, role: 'plugin-source', expect: 'dir' });
    }
    // Paths inside an entry are relative to the plugin's folder; an absolute or escaping
    // source makes them meaningless, and the source itself is reported instead.
    if (isAbsoluteAnywhere(base) || base === '..' || base.startsWith('../')) return;
    refs.push(...pluginFieldRefs(entry, base, ['plugins', index]));
  });
  return refs;
}

/** Absolute path for a ref of a loaded manifest. */
export function resolveRef(manifest: Pick<ManifestFile, 'kind' | 'path'>, ref: Pick<PathRef, 'key'>): string {
  return path.resolve(manifestBase(manifest.kind, manifest.path), ref.key);
}

/**
 * Absolute skill folders the manifests name (root `plugin.json` `skills[]`,
 * `.claude-plugin/plugin.json` `skills`, marketplace `plugins[].skills` under each entry's
 * source), only those the loader found to be real folders inside the root, in manifest
 * order, without duplicates. A named folder may hold one skill (a SKILL.md) or several
 * skill folders; discovery decides.
 */
export function skillDirsFromManifests(manifests: readonly ManifestFile[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const manifest of manifests) {
    if (manifest.data === undefined) continue;
    for (const ref of manifestPathRefs(manifest.kind, manifest.data)) {
      if (ref.role !== 'skill' || manifest.paths[ref.key] !== 'dir') continue;
      const abs = resolveRef(manifest, ref);
      if (!seen.has(abs)) {
        seen.add(abs);
        out.push(abs);
      }
    }
  }
  return out;
}

/** Each plugin a marketplace lists by a relative source that is a folder: its absolute path and its entry. */
function* folderSources(manifests: readonly ManifestFile[]): Generator<{ abs: string; entry: unknown }> {
  for (const manifest of manifests) {
    if (manifest.kind !== 'marketplace' || !isRecord(manifest.data)) continue;
    const plugins: unknown = manifest.data.plugins;
    for (const ref of manifestPathRefs(manifest.kind, manifest.data)) {
      if (ref.role !== 'plugin-source' || manifest.paths[ref.key] !== 'dir') continue;
      yield { abs: resolveRef(manifest, ref), entry: Array.isArray(plugins) ? plugins[ref.pointer[1] as number] : undefined };
    }
  }
}

/**
 * Absolute folders of the plugins a marketplace lists by relative source (inside the root
 * and existing). Claude Code and the `skills` CLI also load `<plugin>/skills/` from each.
 */
export function pluginRootsFromManifests(manifests: readonly ManifestFile[]): string[] {
  const out = new Set<string>();
  for (const { abs } of folderSources(manifests)) out.add(abs);
  return [...out];
}

/**
 * The `name` each marketplace gives the plugin in a folder (absolute path -> name), for the
 * plugins whose source is a folder; the first entry of a folder wins.
 */
export function pluginNamesByFolder(manifests: readonly ManifestFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { abs, entry } of folderSources(manifests)) {
    if (isRecord(entry) && typeof entry.name === 'string' && !out.has(abs)) out.set(abs, entry.name);
  }
  return out;
}

/**
 * Which plugin folder holds a folder: the deepest of `roots` (absolute) that is the folder or one
 * of its parents. One Set lookup per parent, so thousands of plugins and skills stay linear.
 */
export function pluginFolderLookup(roots: readonly string[]): (dir: string) => string | undefined {
  const set = new Set(roots.map((r) => path.resolve(r)));
  if (set.size === 0) return () => undefined;
  return (dir) => {
    for (let d = path.resolve(dir); ; ) {
      if (set.has(d)) return d;
      const parent = path.dirname(d);
      if (parent === d) return undefined;
      d = parent;
    }
  };
}
