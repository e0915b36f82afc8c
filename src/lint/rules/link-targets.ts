/**
 * Where the links and file mentions of a SKILL.md point, relative to its skill folder.
 * Shared by links-exist, file-mentions-exist, links-inside-skill and references-depth;
 * pure: it looks at the folder listing the reader made, never at the disk.
 */
import path from 'node:path';
import type { Link, SkillDocument } from '../../skill/model.js';
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

export function resolveLinkTarget(target: string): LinkTarget {
  const t = target.trim();
  if (t === '' || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//') || t.startsWith('#')) return { kind: 'external' };
  // `?query` and `#anchor` do not name a different file.
  // Backslashes stay: `references\x.md` names no file on Linux or macOS, so it is reported as missing.
  const bare = decode(t.replace(/[?#].*$/, ''));
  if (bare.startsWith('/')) return { kind: 'absolute', rel: bare };
  const isDir = bare.endsWith('/') || bare === '.' || bare === '';
  const norm = path.posix.normalize(bare === '' ? '.' : bare).replace(/\/$/, '');
  if (norm === '..' || norm.startsWith('../')) return { kind: 'outside', rel: norm };
  return { kind: 'inside', rel: norm === '.' ? '' : norm, isDir };
}

export type Existence =
  | { exists: true }
  /** The listing stopped at its cap before this path: nothing can be said. */
  | { exists: 'unknown' }
  | { exists: false; caseMismatch?: string; suggestion?: string };

/** Whether `rel` (from resolveLinkTarget) is a file or folder of the skill. */
export function checkExists(skill: Pick<SkillDocument, 'files' | 'symlinks' | 'filesTruncated'>, rel: string, isDir: boolean): Existence {
  if (rel === '') return { exists: true };
  if (skill.files.has(`${rel}/`) || (!isDir && skill.files.has(rel))) return { exists: true };
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
