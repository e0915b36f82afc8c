/**
 * Where the links and file mentions of a SKILL.md point, relative to its skill folder.
 * Shared by links-exist, file-mentions-exist, links-inside-skill and references-depth;
 * pure: it looks at the folder listing the reader made, never at the disk.
 */
import path from 'node:path';
import type { Link, SkillDocument } from '../../skill/model.js';
import { perDocument } from '../derived.js';
import { suggest } from '../suggest.js';

export type LinkTarget =
  /** A URL, `mailto:`, `//host` or `#anchor`: not a file of the skill. */
  | { kind: 'external' }
  /** Inside the skill folder; `rel` is normalised, `/`-separated, '' for the folder itself. */
  | { kind: 'inside'; rel: string; isDir: boolean }
  /** `../...`: leaves the skill folder. */
  | { kind: 'outside'; rel: string }
  /** `/docs/x.md`: an absolute path (or a repository-root path on GitHub). */
  | { kind: 'absolute'; rel: string };

/** Decode %XX escapes; a malformed escape keeps the text as written. */
function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A plain relative path such as `references/x.md`: segments of letters, digits, `_`, `-` and
 * `.` that do not start with a dot. Such a target has no scheme, `?`, `#`, `%`, space, `//`,
 * `.` or `..` segment and no leading or trailing `/`, so every step below would return it
 * unchanged: it is what nearly every link in a skill looks like, answered without them.
 */
const PLAIN_RELATIVE = /^[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/;

/**
 * Claude Code replaces `${CLAUDE_SKILL_DIR}` in SKILL.md with the skill's folder, so
 * `${CLAUDE_SKILL_DIR}/references/x.md` names `references/x.md`.
 */
const SKILL_DIR_VAR = '${CLAUDE_SKILL_DIR}';
/**
 * `{baseDir}` is an older placeholder for the same folder, which some agents replace; Claude Code
 * opens a loaded skill with "Base directory for this skill: <folder>", and the model reads
 * `{baseDir}/references/x.md` as `references/x.md` of that folder.
 */
const BASE_DIR_VAR = '{baseDir}';
const SKILL_DIR_VARS = [SKILL_DIR_VAR, BASE_DIR_VAR];
/**
 * `/plugin:skill`, how Claude Code names (and invokes) a plugin's skill: a skill reference written
 * as a link (`[uipath-rpa](/uipath:uipath-rpa)`), not a path. No file path starts with a
 * `name:name` segment.
 */
const SLASH_COMMAND = /^\/[\w.-]+:[\w.-]+$/;
/** `${CLAUDE_PLUGIN_ROOT}` is the plugin's folder: above the skill folder, and only in a Claude Code plugin install. */
const PLUGIN_ROOT_VAR = '${CLAUDE_PLUGIN_ROOT}';

export function resolveLinkTarget(target: string): LinkTarget {
  if (PLAIN_RELATIVE.test(target)) return { kind: 'inside', rel: target, isDir: false };
  let t = target.trim();
  // A variable alone (or with only `#anchor` / `?query`) is the folder itself; followed by `/`,
  // the rest is relative to it.
  for (const dirVar of SKILL_DIR_VARS) {
    const next = t.charCodeAt(dirVar.length);
    if (t.startsWith(dirVar) && (t.length === dirVar.length || next === 47 || next === 35 || next === 63)) {
      t = `.${t.slice(dirVar.length)}`;
      break;
    }
  }
  if (t.startsWith(PLUGIN_ROOT_VAR)) return { kind: 'outside', rel: t };
  // `?query` and `#anchor` do not name a different file (nor make `/plugin:skill#x` a path).
  const unsuffixed = t.replace(/[?#].*$/, '');
  if (t === '' || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//') || t.startsWith('#') || SLASH_COMMAND.test(unsuffixed)) return { kind: 'external' };
  // Backslashes stay: `references\x.md` names no file on Linux or macOS, so it is reported as missing.
  const bare = decode(unsuffixed);
  if (bare.startsWith('/')) return { kind: 'absolute', rel: bare };
  const isDir = bare.endsWith('/') || bare === '.' || bare === '';
  const norm = path.posix.normalize(bare === '' ? '.' : bare).replace(/\/$/, '');
  if (norm === '..' || norm.startsWith('../')) return { kind: 'outside', rel: norm };
  return { kind: 'inside', rel: norm === '.' ? '' : norm, isDir };
}

/**
 * `resolveLinkTarget` of every link of the body, index for index with `skill.body.links`.
 * Four rules walk the links; the targets are resolved once per document (see ../derived.ts)
 * and the shared array must not be modified.
 */
export const linkTargets: (skill: SkillDocument) => readonly LinkTarget[] = perDocument((skill) =>
  skill.body.links.map((link) => resolveLinkTarget(link.target)),
);

// The bits of `linkFacts`, one per rule that walks the links.
/** A link or image inside the skill folder names a path that is not there (links-exist). */
export const LINKS_MISSING = 1;
/** A bare path mention inside the skill folder names a path that is not there (file-mentions-exist). */
export const MENTIONS_MISSING = 2;
/** A target leaves the skill folder or is absolute (links-inside-skill). */
export const LINKS_OUTSIDE = 4;
/** A link or mention (not an image) names a file two or more folders deep (references-depth). */
export const LINKS_DEEP = 8;

/**
 * What the four link rules could find in the document, as the bits above: one walk over the
 * links instead of four. Nearly every link names a file that exists, one folder deep, so each
 * rule asks for its bit first and walks the links only when it is set. A set bit only means
 * "look": the rule's own walk decides what to report.
 */
export const linkFacts: (skill: SkillDocument) => number = perDocument((skill) => {
  const { links } = skill.body;
  if (links.length === 0) return 0;
  const targets = linkTargets(skill);
  let facts = 0;
  for (let i = 0; i < links.length; i++) {
    const t = targets[i]!;
    if (t.kind === 'outside' || t.kind === 'absolute') {
      facts |= LINKS_OUTSIDE;
      continue;
    }
    if (t.kind !== 'inside') continue;
    const kind = links[i]!.kind;
    if (kind !== 'image' && !t.isDir) {
      const slash = t.rel.indexOf('/');
      if (slash !== -1 && t.rel.indexOf('/', slash + 1) !== -1) facts |= LINKS_DEEP;
    }
    // The usual hit first, without the object checkExists returns.
    if (t.rel === '' || (!t.isDir && skill.files.has(t.rel))) continue;
    if (checkExists(skill, t.rel, t.isDir).exists === false) facts |= kind === 'path' ? MENTIONS_MISSING : LINKS_MISSING;
  }
  return facts;
});

export type Existence =
  | { exists: true }
  /** The listing stopped at its cap before this path: nothing can be said. */
  | { exists: 'unknown' }
  | { exists: false; caseMismatch?: string; suggestion?: string };

/** Whether `rel` (from resolveLinkTarget) is a file or folder of the skill. */
export function checkExists(skill: Pick<SkillDocument, 'files' | 'symlinks' | 'filesTruncated'>, rel: string, isDir: boolean): Existence {
  if (rel === '') return { exists: true };
  // The file lookup first: it is the usual hit and needs no new string.
  if ((!isDir && skill.files.has(rel)) || skill.files.has(`${rel}/`)) return { exists: true };
  // Through a symlink: the symlink rule judges the link itself.
  if (skill.symlinks.some((s) => rel === s.path || rel.startsWith(`${s.path}/`))) return { exists: true };
  if (skill.filesTruncated) return { exists: 'unknown' };
  const lower = rel.toLowerCase();
  const all = [...skill.files].map((f) => f.replace(/\/$/, ''));
  const caseMismatch = all.find((f) => f.toLowerCase() === lower);
  if (caseMismatch) return { exists: false, caseMismatch };
  // The same file name in another folder (`reference/x.md` for `references/x.md`), then a near spelling.
  const base = path.posix.basename(rel);
  const sameName = all.filter((f) => path.posix.basename(f) === base);
  const suggestion = sameName.length === 1 ? sameName[0] : suggest(rel, all);
  return suggestion ? { exists: false, suggestion } : { exists: false };
}

/** The link as the author wrote it, for messages. */
export function shown(link: Link): string {
  return link.target.length > 120 ? `${link.target.slice(0, 117)}...` : link.target;
}
