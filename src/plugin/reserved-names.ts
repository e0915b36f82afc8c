/**
 * Plugin and marketplace names Claude Code keeps for Anthropic (2.1.330, read from its
 * validator): `claude plugin validate` fails a plugin named `claude-helper` or a marketplace
 * named `claude-marketplace`, and `/plugin marketplace add` refuses a marketplace that takes one
 * of the official names from outside github.com/anthropics. Facts only, no I/O: the
 * `manifest-name-reserved` and `manifest-name-anthropic` rules report them.
 *
 * Claude Code also folds look-alike letters (`clаude` with a Cyrillic а) before it checks; a
 * name with such a letter is not kebab-case, which `manifest-schema` already reports, so that
 * step is left out here.
 */
import { isRecord, type ManifestFile } from './model.js';

export interface NameStanding {
  /** `reserved`: Claude Code fails it (an error). `anthropic`: it warns, and `--strict` fails it. */
  kind: 'reserved' | 'anthropic';
  message: string;
  hint: string;
}

const MARKS = ['claude', 'anthropic', 'anthropics'];
/** A plugin name may not start with these words (`cc-plugin-x` joins to `ccplugin`)... */
const LEADS = new Set([...MARKS, 'ccplugin']);
/** ...nor be one of these. */
const WHOLE = new Set([...MARKS, 'claudecode', 'claudemods']);
/** The longest of them: joining more words than that cannot match. */
const LONGEST = 10;
const OFFICIAL = /official[^a-z0-9]*(?:anthropic|claude)|(?:anthropic|claude)[^a-z0-9]*official/i;

/** `Claude-Code_x` -> `claude`, `code`, `x`. */
function words(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

const RENAME = 'name it for what it does, without "claude" or "anthropic" in it';
const PLUGIN_RESERVED_WHY =
  'a plugin name cannot start with "claude-", "anthropic-", "anthropics-" or "cc-plugin-", be "claude", "anthropic", "anthropics", ' +
  '"claude-code" or "claude-mods", or put "official" beside "claude" or "anthropic"';

export function pluginNameStanding(name: string): NameStanding | undefined {
  const parts = words(name);
  let joined = '';
  let reserved = OFFICIAL.test(name) || OFFICIAL.test(parts.join(''));
  for (let i = 0; i < parts.length && !reserved && joined.length <= LONGEST; i++) {
    joined += parts[i];
    reserved = (i === parts.length - 1 ? WHOLE : LEADS).has(joined);
  }
  if (reserved) return { kind: 'reserved', message: `plugin name "${name}" is reserved by Claude Code: ${PLUGIN_RESERVED_WHY}`, hint: RENAME };
  if (MARKS.some((m) => parts.includes(m))) {
    return { kind: 'anthropic', message: `plugin name "${name}" reads as one of Anthropic's own plugins (Claude Code warns, and \`claude plugin validate --strict\` fails)`, hint: RENAME };
  }
  return undefined;
}

/** The names of Anthropic's own marketplaces: `/plugin marketplace add` takes them only from github.com/anthropics. */
const OFFICIAL_MARKETPLACES = new Set([
  'claude-code-marketplace', 'claude-code-plugins', 'claude-plugins-official', 'anthropic-marketplace', 'anthropic-plugins',
  'agent-skills', 'anthropic-agent-skills', 'life-sciences', 'knowledge-work-plugins', 'claude-for-legal',
  'claude-for-financial-services', 'financial-services-plugins', 'first-party-plugins', 'claude-tag-plugins',
  'claude-community', 'claude-plugins-community', 'healthcare', 'anthropic-plugin-directory', 'claude-plugin-directory',
]);

/** Names Claude Code gives its own kinds of plugins. */
const INTERNAL_MARKETPLACES: ReadonlyMap<string, string> = new Map([
  ['inline', '--plugin-dir session plugins'],
  ['builtin', 'built-in plugins'],
  ['skills-dir', 'plugins auto-loaded from .claude/skills/'],
  ['synced', "plugins synced from the user's claude.ai account"],
  ['claude-plugin-test', 'plugins loaded by `claude plugin test`'],
]);

const CATALOG_WORDS = ['marketplace', 'plugins', 'official', 'directory', 'directories'];
const CATALOG = new RegExp(`${OFFICIAL.source}|^(?:anthropic|claude)[^a-z0-9]*(?:${CATALOG_WORDS.join('|')})`, 'i');
const CATALOG_JOINED = new RegExp(`^(?:anthropic|claude)(?:${CATALOG_WORDS.join('|')})s?$`, 'i');
/** `anthropic` and the longest catalog word, plus an `s`. */
const CATALOG_LONGEST = 9 + Math.max(...CATALOG_WORDS.map((w) => w.length)) + 1;

function impersonates(name: string): boolean {
  if (CATALOG.test(name) || CATALOG.test(name.replace(/^[^a-z0-9]+/i, ''))) return true;
  if (/official(?:anthropic|claude)|(?:anthropic|claude)official/i.test(name.replace(/[^a-z0-9]+/gi, ''))) return true;
  let joined = '';
  for (const part of words(name)) {
    joined += part;
    if (CATALOG_JOINED.test(joined)) return true;
    if (joined.length > CATALOG_LONGEST) break;
  }
  return false;
}

export function marketplaceNameStanding(name: string): NameStanding | undefined {
  const lower = name.toLowerCase();
  const internal = INTERNAL_MARKETPLACES.get(lower);
  if (internal !== undefined) return { kind: 'reserved', message: `marketplace name "${name}" is reserved by Claude Code for ${internal}`, hint: 'choose another name' };
  if (OFFICIAL_MARKETPLACES.has(lower)) {
    return {
      kind: 'anthropic',
      message: `marketplace name "${name}" is one of Anthropic's official marketplaces: Claude Code adds a marketplace of this name only from github.com/anthropics`,
      hint: 'choose another name (in a repository of github.com/anthropics, turn manifest-name-anthropic off)',
    };
  }
  if (impersonates(name)) {
    return { kind: 'reserved', message: `marketplace name "${name}" is reserved by Claude Code: it reads as an official Anthropic/Claude marketplace`, hint: RENAME };
  }
  return undefined;
}

/**
 * Every plugin and marketplace name the manifests of one repository give, with where each is and
 * how Claude Code takes it. Plugin names are not checked when the repository's marketplace has
 * one of the official names: Claude Code exempts the plugins an official marketplace lists.
 */
export interface NamedIn {
  manifest: ManifestFile;
  /** Where the name is in the manifest (`['plugins', 2, 'name']`). */
  pointer: (string | number)[];
  standing: NameStanding;
}

export function nameStandings(manifests: readonly ManifestFile[]): NamedIn[] {
  const official = manifests.some((m) => m.kind === 'marketplace' && isRecord(m.data) && typeof m.data.name === 'string' && OFFICIAL_MARKETPLACES.has(m.data.name.toLowerCase()));
  const plugin = official ? () => undefined : pluginNameStanding;
  const out: NamedIn[] = [];
  for (const manifest of manifests) {
    const data = manifest.data;
    if (!isRecord(data)) continue;
    const check = (pointer: (string | number)[], value: unknown, standingOf: (name: string) => NameStanding | undefined): void => {
      const standing = typeof value === 'string' ? standingOf(value) : undefined;
      if (standing) out.push({ manifest, pointer, standing });
    };
    if (manifest.kind !== 'marketplace') {
      check(['name'], data.name, plugin);
      continue;
    }
    check(['name'], data.name, marketplaceNameStanding);
    if (Array.isArray(data.plugins)) data.plugins.forEach((entry: unknown, i) => isRecord(entry) && check(['plugins', i, 'name'], entry.name, plugin));
  }
  return out;
}
