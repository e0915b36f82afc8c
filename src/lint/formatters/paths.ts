/**
 * File paths in reports, and their URIs, read in the flavour of the platform they come from.
 *
 * A diagnostic's file is relative to FormatInput.cwd (absolute when outside it), both written by
 * the machine that ran the lint, and the cwd says which kind of machine that was:
 * - `C:\…` (or `C:/…`) and `\\server\share\…` are Windows paths: `\` and `/` both separate
 *   folders, `C:` is a drive;
 * - anything else is a POSIX path (Linux, macOS): only `/` separates folders, and `\` or a
 *   leading `C:` are ordinary characters of a name (`a\b` and `C:` are valid folder names).
 *
 * The formatters never ask process.platform: a report is a function of its input alone, the
 * same on every machine (a Windows report can be rendered and tested on Linux).
 */
import path from 'node:path';

export type PathFlavour = 'posix' | 'win32';

const WIN32_DRIVE_ABSOLUTE = /^[A-Za-z]:[\\/]/u;
/** `\\server\share`: a POSIX cwd never starts with `\` (it starts with `/`). */
const WIN32_UNC = /^\\\\[^\\/]+[\\/]+[^\\/]/u;

/** The flavour of the paths a run produced, told by the form of its (absolute) working directory. */
export function pathFlavour(cwd: string): PathFlavour {
  return WIN32_DRIVE_ABSOLUTE.test(cwd) || WIN32_UNC.test(cwd) ? 'win32' : 'posix';
}

/**
 * The file as every format shows it: `/` between folders. A `\` becomes `/` only in a Windows
 * path; in a POSIX path it is part of a name and stays.
 */
export function reportPath(file: string, flavour: PathFlavour): string {
  return flavour === 'win32' ? file.replaceAll('\\', '/') : file;
}

/** Whether `file` (of the flavour) is absolute, that is not under the working directory's URI. */
export function isAbsolutePath(file: string, flavour: PathFlavour): boolean {
  return flavour === 'win32' ? path.win32.isAbsolute(file) : file.startsWith('/');
}

/** A lone UTF-16 surrogate (a name no encoder can spell) becomes U+FFFD instead of a URIError (no `u` flag: it reads code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * One name of a path as a URI path segment (RFC 3986): everything but letters, digits and
 * `-._~!*'()` is percent-encoded as UTF-8, so `\`, `%`, `#`, `?`, `:`, space and non-ASCII
 * names stay one segment of one path.
 */
export function encodeSegment(name: string): string {
  return encodeURIComponent(name.replace(LONE_SURROGATE, '\uFFFD'));
}

/** A `/`-separated path as a URI path: each name encoded, the `/` between them kept. */
export function encodeUriPath(slashed: string): string {
  return slashed.split('/').map(encodeSegment).join('/');
}

/**
 * A relative URI reference for a relative `file`, to resolve against the working directory's
 * URI: `a\b/SKILL.md` on POSIX is `a%5Cb/SKILL.md`, on Windows `a/b/SKILL.md`; a first folder
 * named `C:` is `C%3A/…`, never read as a scheme.
 */
export function relativeUri(file: string, flavour: PathFlavour): string {
  return encodeUriPath(reportPath(file, flavour));
}

/** `\\?\C:\…` and `\\?\UNC\server\share\…` (long-path forms, `/`-separated here) are `C:\…` and `\\server\share\…`. */
const LONG_PATH = /^\/\/[?.]\/(?:(UNC)\/|(?=[A-Za-z]:))/iu;

/**
 * The absolute `file:` URI of `file` resolved against `cwd` (both of the flavour):
 * `file:///home/dev/a%5Cb/SKILL.md`, `file:///C:/Users/dev/x%20y/SKILL.md`,
 * `file://server/share/SKILL.md`. Built here rather than by url.pathToFileURL, which resolves
 * a relative path against the process's own directory and reads `//server/share` as a rooted
 * path: every name is encoded as relativeUri encodes it.
 */
export function fileUri(cwd: string, file: string, flavour: PathFlavour): string {
  if (flavour === 'posix') return `file://${encodeUriPath(path.posix.resolve(cwd, file))}`;
  const absolute = path.win32.resolve(cwd, file).replaceAll('\\', '/').replace(LONG_PATH, (_, unc?: string) => (unc ? '//' : ''));
  const unc = /^\/\/([^/]*)(\/.*)?$/u.exec(absolute);
  if (unc) return `file://${encodeSegment(unc[1]!)}${encodeUriPath(unc[2] ?? '/')}`;
  // `C:/…`: the drive letter and its colon stay as they are, as Windows file URIs write them.
  return `file:///${absolute.slice(0, 2)}${encodeUriPath(absolute.slice(2) || '/')}`;
}

/** `file:` URI of the working directory itself, ending in `/` so relative URIs resolve inside it. */
export function folderUri(cwd: string, flavour: PathFlavour): string {
  const uri = fileUri(cwd, cwd, flavour);
  return uri.endsWith('/') ? uri : `${uri}/`;
}
