/**
 * The manifest checks, as pure functions from loaded manifests to problems. The lint rules
 * (src/lint/rules/manifest-*.ts) are thin wrappers over these; `vibe-skills plugin sync`
 * uses the same functions to refuse to derive from a broken plugin.json.
 */
import path from 'node:path';
import type { Position } from '../types.js';
import { duplicateKeys, formatPointer, type JsonPointer, locate, scanJson } from './json.js';
import { COMPONENT_FIELDS, isRecord, type ManifestFile } from './model.js';
import { isBareName, manifestPathRefs, type PathRef, pathKey } from './paths.js';
import {
  claudePluginSchema,
  marketplaceSchema,
  type OwnPluginJson,
  ownPluginSchema,
  RELATIVE_PATH_ISSUE,
  type SchemaIssue,
  schemaIssues,
} from './schemas.js';
import { deriveManifests, firstDifference, withExisting } from './sync.js';

export interface ManifestProblem {
  /** Display path of the file the problem is in. */
  file: string;
  /** Omitted for the whole file. */
  pos?: Position;
  message: string;
  hint?: string;
}

const SYNC_HINT = 'run `vibe-skills plugin sync` to regenerate it from plugin.json (and commit the result)';


/**
 * Positions are computed from the text on demand; a manifest is scanned at most once per
 * object, however many rules ask.
 */
const scanCache = new WeakMap<ManifestFile, ReturnType<typeof scanJson> | null>();

function scanned(manifest: ManifestFile): ReturnType<typeof scanJson> | null {
  if (!scanCache.has(manifest)) {
    scanCache.set(manifest, manifest.parseError || manifest.text === '' ? null : scanJson(manifest.text));
  }
  return scanCache.get(manifest) ?? null;
}

/** Line and column of the value (or of its key, when it has one) at `pointer`. */
export function positionOf(manifest: ManifestFile, pointer: JsonPointer, prefer: 'key' | 'value' = 'key'): Position | undefined {
  const scan = scanned(manifest);
  if (!scan || !scan.ok) return undefined;
  const found = locate(scan.root, scan.lines, pointer);
  return prefer === 'key' ? (found.key ?? found.value) : found.value;
}

/** The fields only our root plugin.json has (`plugin sync` reads them). */
const OWN_FIELDS = ['skills', 'marketplace'] as const;

/**
 * A root `plugin.json` is ours when it has one of our fields. Claude Code never reads a root
 * plugin.json (GitHub Copilot CLI does, as its plugin manifest, in much the same format), and
 * other tools keep unrelated files of that name there (Grafana panels, or a
 * marketplace's own notes beside its `.claude-plugin/` manifests): a linter for skills has no
 * business judging those, even in a repository that has Claude Code manifests too.
 */
export function isOwnPluginManifest(manifest: ManifestFile): boolean {
  if (manifest.kind !== 'plugin') return false;
  const data = manifest.data;
  if (manifest.parseError) return OWN_FIELDS.some((f) => manifest.text.includes(`"${f}"`));
  return isRecord(data) && OWN_FIELDS.some((f) => Object.hasOwn(data, f));
}

/** zod reports nested issues before their parents; readers expect file order. */
function byPosition(a: ManifestProblem, b: ManifestProblem): number {
  return (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.column ?? 0) - (b.pos?.column ?? 0);
}

// ---------------------------------------------------------------------------------------
// manifest-json

/** Problems that are about safety or size, not syntax: reported whoever owns the file. */
function wholeFile(manifest: ManifestFile): ManifestProblem[] {
  const message = manifest.parseError?.message ?? '';
  return /symbolic link|over the .* limit|not a regular file/.test(message)
    ? [{ file: manifest.file, message, hint: 'replace it with a UTF-8 JSON file inside the repository' }]
    : [];
}

export function jsonProblems(manifest: ManifestFile, all: readonly ManifestFile[] = [manifest], assumeOwn = false): ManifestProblem[] {
  if (manifest.parseError) {
    // An unreadable root plugin.json may belong to another tool (some accept comments);
    // judge it when it looks like ours, sits beside Claude Code manifests (then it most
    // likely is the source `plugin sync` derives them from, damaged), or sync was asked to use it.
    if (manifest.kind === 'plugin' && !assumeOwn && !isOwnPluginManifest(manifest) && !all.some((m) => m.kind !== 'plugin')) {
      return manifest.text === '' && manifest.parseError.line === 0 ? wholeFile(manifest) : [];
    }
    const { message, line, column } = manifest.parseError;
    const syntax = line > 0;
    return [
      {
        file: manifest.file,
        ...(syntax ? { pos: { line, column } } : {}),
        message,
        hint: syntax
          ? 'fix the JSON syntax here: strict JSON has double-quoted keys and strings, no comments and no trailing commas'
          : 'replace it with a UTF-8 JSON file inside the repository',
      },
    ];
  }
  const scan = scanned(manifest);
  if (!scan || !scan.ok) return [];
  return duplicateKeys(scan.root, scan.lines).map((dup) => ({
    file: manifest.file,
    pos: dup.pos,
    message: `duplicate key "${dup.key}" in ${formatPointer(dup.pointer)} (first at line ${dup.firstPos.line}); JSON readers silently keep only the last one`,
    hint: 'remove one of the two',
  }));
}

// ---------------------------------------------------------------------------------------
// manifest-schema and manifest-unknown-field

function schemaFor(manifest: ManifestFile, flavour: 'strict' | 'loose', assumeOwn = false) {
  switch (manifest.kind) {
    case 'plugin':
      return assumeOwn || isOwnPluginManifest(manifest) ? ownPluginSchema(flavour) : undefined;
    case 'claude-plugin':
      return claudePluginSchema(flavour);
    case 'marketplace':
      return marketplaceSchema(flavour);
  }
}

function describeIssue(issue: SchemaIssue): string {
  return `${issue.path.length === 0 ? 'the manifest' : formatPointer(issue.path)} ${issue.message}`;
}

/**
 * `assumeOwn`: judge a root plugin.json as ours even when nothing else says so (the sync
 * command, which the user pointed at it).
 */
export function schemaProblems(manifest: ManifestFile, assumeOwn = false): ManifestProblem[] {
  if (manifest.data === undefined) return [];
  const schema = schemaFor(manifest, 'loose', assumeOwn);
  if (!schema) return [];
  return (
    schemaIssues(schema, manifest.data)
      // The paths rule reports "./" problems with the resolved path in hand.
      .filter((issue) => issue.marker !== RELATIVE_PATH_ISSUE)
      .map((issue) => {
        const pos = positionOf(manifest, issue.path);
        const missing = issue.message === 'is required';
        return {
          file: manifest.file,
          ...(pos ? { pos } : {}),
          message: describeIssue(issue),
          ...(missing ? { hint: `add "${String(issue.path[issue.path.length - 1])}" to ${issue.path.length > 1 ? formatPointer(issue.path.slice(0, -1)) : 'the top-level object'}` } : {}),
        };
      })
      .sort(byPosition)
  );
}

/** Every field name any of the manifests knows, for did-you-mean. */
function knownFieldNames(): string[] {
  const names = new Set<string>();
  const add = (shape: Record<string, unknown>): void => {
    for (const key of Object.keys(shape)) names.add(key);
  };
  add(ownPluginSchema('strict').shape);
  add(claudePluginSchema('strict').shape);
  add(marketplaceSchema('strict').shape);
  for (const extra of ['source', 'category', 'tags', 'strict', 'email', 'url', 'pluginRoot', 'owner']) names.add(extra);
  return [...names];
}

let knownFields: string[] | undefined;

/**
 * Optimal string alignment distance (edits, a swap of two neighbours counting as one), in three
 * rolling rows; `max` lets it stop as soon as every cell of a row is over it (the result is then
 * some number over `max`). A hostile manifest can hold 60,000 unknown keys, each compared with
 * every known field name.
 */
const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

function editDistance(a: string, b: string, max = Infinity): number {
  const cols = b.length + 1;
  const [r0, r1, r2] = cols <= 64 ? rows : [new Int32Array(cols), new Int32Array(cols), new Int32Array(cols)];
  let before = r0;
  let prev = r1;
  let row = r2;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      row[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return rowMin;
    const spare = before;
    before = prev;
    prev = row;
    row = spare;
  }
  return prev[b.length]!;
}

/**
 * The closest known field name, if close enough. The candidates come from every manifest and
 * level, so the key itself can be one of them (`homepage` is a plugin field, not a marketplace
 * field): naming it back would be no help, so it is skipped.
 */
export function didYouMean(key: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(key.length / 3));
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestScore = limit + 1;
  for (const c of candidates) {
    if (c === key) continue;
    // The distance is at least the difference in length: most candidates need no table at all.
    if (Math.abs(c.length - key.length) >= bestScore) continue;
    const score = c.toLowerCase() === lower ? 0 : editDistance(key, c, bestScore - 1);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * What to do about an unknown field. Claude Code and the skills CLI read the .claude-plugin files;
 * our root plugin.json reaches Claude Code only through `plugin sync`, which carries the fields it
 * knows (metadata, skills and the component fields) and no other.
 */
function unknownFieldHint(manifest: ManifestFile, path: readonly (string | number)[], key: string): string {
  if (manifest.kind === 'plugin' && path.length === 0 && Object.hasOwn(claudePluginSchema('strict').shape, key)) {
    return `Claude Code reads "${key}" from .claude-plugin/plugin.json, and \`plugin sync\` does not carry it there: move it into that file (sync keeps the fields it does not write)`;
  }
  knownFields ??= knownFieldNames();
  const guess = didYouMean(key, knownFields);
  if (guess) return `did you mean "${guess}"?`;
  return manifest.kind === 'plugin'
    ? '`plugin sync` does not carry it to .claude-plugin/plugin.json, so Claude Code never reads it: remove it'
    : 'remove it: Claude Code and the skills CLI ignore it';
}

export function unknownFieldProblems(manifest: ManifestFile): ManifestProblem[] {
  if (manifest.data === undefined) return [];
  const schema = schemaFor(manifest, 'strict');
  if (!schema) return [];
  const out: ManifestProblem[] = [];
  for (const issue of schemaIssues(schema, manifest.data)) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys ?? []) {
      const pointer = [...issue.path, key];
      const pos = positionOf(manifest, pointer);
      out.push({
        file: manifest.file,
        ...(pos ? { pos } : {}),
        message: `unknown field "${key}"${issue.path.length > 0 ? ` in ${formatPointer(issue.path)}` : ''}`,
        hint: unknownFieldHint(manifest, issue.path, key),
      });
    }
  }
  return out.sort(byPosition);
}

// ---------------------------------------------------------------------------------------
// manifest-paths

function baseLabel(manifest: ManifestFile, ref: PathRef): string {
  if (manifest.kind === 'marketplace' && ref.role !== 'plugin-source') return "the plugin's folder (its source)";
  return manifest.kind === 'plugin' ? 'the folder of plugin.json' : 'the folder that holds .claude-plugin/';
}

function pathProblem(manifest: ManifestFile, ref: PathRef, pluginRoot: unknown): Omit<ManifestProblem, 'file' | 'pos'> | undefined {
  const where = formatPointer(ref.pointer);
  const shown = JSON.stringify(ref.value);
  const status = manifest.paths[ref.key];
  if (path.posix.isAbsolute(ref.value) || path.win32.isAbsolute(ref.value)) {
    return {
      message: `${where} is an absolute path (${shown}); manifest paths are relative and stay inside the repository`,
      hint: `write it relative to ${baseLabel(manifest, ref)}, starting with "./"`,
    };
  }
  if (ref.value.includes('\\')) {
    return { message: `${where} uses backslashes (${shown})`, hint: 'use forward slashes: Claude Code and the skills CLI read these paths the same on every system' };
  }
  if (status === 'outside') {
    const under = ref.role === 'plugin-source' && isBareName(ref.value) && typeof pluginRoot === 'string' ? ` under metadata.pluginRoot ${JSON.stringify(pluginRoot)}` : '';
    return {
      message: `${where} points outside the repository (${shown}${under})`,
      hint: 'move the files into the repository and point at them with a "./" path; installers copy only what is inside',
    };
  }
  if (ref.role !== 'plugin-source' && manifest.kind === 'marketplace' && /^\.\.(?:\/|$)/.test(path.posix.normalize(ref.value))) {
    // Inside the repository, but outside the plugin's folder, which is all an installed plugin has.
    return {
      message: `${where} leaves ${baseLabel(manifest, ref)} (${shown})`,
      hint: "move what it names into the plugin's folder and write a \"./\" path: an installed plugin has nothing outside its folder",
    };
  }
  if (!ref.value.startsWith('./')) {
    if (ref.role === 'plugin-source' && isBareName(ref.value) && typeof pluginRoot === 'string' && pluginRoot !== '') {
      return {
        message: `${where} is a bare name (${shown}); Claude Code resolves it under metadata.pluginRoot, but the skills CLI ignores any source that does not start with "./"`,
        hint: `write it as "${ref.key === '.' ? './' : ref.key}"`,
      };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref.value)) {
      return {
        message: `${where} must be a "./" path in the plugin (got the URL ${shown})`,
        hint: ref.pointer.includes('mcpServers')
          ? 'Claude Code downloads a URL only for an MCPB bundle (ending in .mcpb or .dxt); for anything else, put the file in the plugin and write a "./" path'
          : 'put the file in the plugin and write a "./" path: Claude Code does not download it',
      };
    }
    const suggestion = pathKey('.', ref.value);
    return {
      message: `${where} must start with "./" (got ${shown})`,
      hint: `write "${suggestion === '.' ? './' : suggestion}": Claude Code rejects other forms and the skills CLI silently skips them`,
    };
  }
  if (status === 'symlink-outside') {
    return {
      message: `${where} (${shown}) is or passes through a symbolic link that leads outside the repository`,
      hint: 'replace the link with the real files: an installer following it would copy files from outside the repository',
    };
  }
  if (status === 'missing' || status === undefined) {
    return { message: `${where} names ${shown}, which does not exist`, hint: 'create it, fix the path, or remove the entry' };
  }
  if (ref.expect === 'dir' && status === 'file') {
    return {
      message: `${where} (${shown}) is a file, but must be a folder${ref.role === 'skill' ? ' (a skill folder holding SKILL.md, or a folder of them)' : ''}`,
      hint: ref.role === 'skill' ? 'point at the folder that contains SKILL.md, not at the file' : 'point at the folder',
    };
  }
  if (ref.expect === 'file' && status === 'dir') {
    return { message: `${where} (${shown}) is a folder, but must be a file`, hint: 'point at the file itself' };
  }
  return undefined;
}

/** `assumeOwn` as for `schemaProblems`: a root plugin.json that is not ours names no paths we judge. */
export function pathProblems(manifest: ManifestFile, assumeOwn = false): ManifestProblem[] {
  if (manifest.data === undefined) return [];
  if (manifest.kind === 'plugin' && !assumeOwn && !isOwnPluginManifest(manifest)) return [];
  const pluginRoot = isRecord(manifest.data) && isRecord(manifest.data.metadata) ? manifest.data.metadata.pluginRoot : undefined;
  const out: ManifestProblem[] = [];
  for (const ref of manifestPathRefs(manifest.kind, manifest.data)) {
    const problem = pathProblem(manifest, ref, pluginRoot);
    if (!problem) continue;
    const pos = positionOf(manifest, ref.pointer, 'value');
    out.push({ file: manifest.file, ...(pos ? { pos } : {}), ...problem });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// manifest-drift

/**
 * Root plugin.json data parsed against our schema, or undefined when it does not conform. The
 * component fields are the values as written, not zod's copies: they are carried into
 * .claude-plugin/plugin.json whole, and a record copied by zod loses a `__proto__` key (an MCP
 * server may have any name).
 */
export function parseOwnPlugin(data: unknown): OwnPluginJson | undefined {
  const parsed = ownPluginSchema('loose').safeParse(data);
  if (!parsed.success || !isRecord(data)) return undefined;
  const plugin = { ...parsed.data };
  for (const field of COMPONENT_FIELDS) if (Object.hasOwn(data, field)) Object.assign(plugin, { [field]: data[field] });
  return plugin;
}

/** The root plugin.json, parsed against our schema; undefined when absent or invalid. */
export function ownPlugin(manifests: readonly ManifestFile[]): { manifest: ManifestFile; plugin: OwnPluginJson } | undefined {
  const manifest = manifests.find((m) => isOwnPluginManifest(m));
  if (!manifest || manifest.data === undefined) return undefined;
  const plugin = parseOwnPlugin(manifest.data);
  return plugin ? { manifest, plugin } : undefined;
}

function valueAt(data: unknown, pointer: readonly (string | number)[]): unknown {
  let cur: unknown = data;
  for (const seg of pointer) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isRecord(cur) && typeof seg === 'string' && Object.hasOwn(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function short(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function driftProblems(manifests: readonly ManifestFile[]): ManifestProblem[] {
  const own = ownPlugin(manifests);
  if (!own) return [];
  const dir = path.posix.dirname(own.manifest.file);
  const out: ManifestProblem[] = [];
  for (const derived of deriveManifests(own.plugin)) {
    const file = dir === '.' ? derived.path : `${dir}/${derived.path}`;
    const existing = manifests.find((m) => m.kind === derived.kind);
    if (!existing) {
      out.push({ file, message: `${derived.path} is missing; it is derived from plugin.json`, hint: SYNC_HINT });
      continue;
    }
    // Unreadable or invalid JSON is manifest-json's finding; repeating it here adds nothing.
    if (existing.data === undefined) continue;
    // Sync owns fields, not files: only what it would change is drift.
    const expected = withExisting(derived, existing.data).data;
    const diff = firstDifference(existing.data, expected);
    if (!diff) continue;
    const pos = positionOf(existing, diff);
    out.push({
      file: existing.file,
      ...(pos ? { pos } : {}),
      message: `out of date with plugin.json: ${formatPointer(diff)} is ${short(valueAt(existing.data, diff))}, plugin.json makes it ${short(valueAt(expected, diff))}`,
      hint: SYNC_HINT,
    });
  }
  return out;
}
