/**
 * Version fit: does the project depend on the library versions a skill was written for?
 *
 * A skill names versions in prose, in `compatibility` ("Next.js 16, inngest 4.x") or in
 * `metadata` (`inngest: "4.x"`, or a value like "for inngest >=4"). We look only for the
 * libraries the project's package.json actually depends on, so an unrelated word never
 * turns into a warning, and only in those two fields, never in the body. Pure.
 */
import { parseRange, rangesIntersect } from './semver.js';
import type { Position } from '../types.js';

/** Prose names that stand for npm packages. A dependency's own name always matches itself. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'next.js': ['next'],
  nextjs: ['next'],
  prisma: ['prisma', '@prisma/client'],
  'react.js': ['react'],
  'node.js': [],
};

export interface ProjectDependencies {
  /** package name -> range as written in package.json. */
  ranges: ReadonlyMap<string, string>;
}

/** The ranges of every dependency kind, later kinds not overriding earlier ones. */
export function projectDependencies(pkg: unknown): ProjectDependencies {
  const ranges = new Map<string, string>();
  if (typeof pkg !== 'object' || pkg === null) return { ranges };
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (pkg as Record<string, unknown>)[field];
    if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof range === 'string' && !ranges.has(name)) ranges.set(name, range);
    }
  }
  return { ranges };
}

/** One statement in a skill: "this skill is for <pkg> <range>". */
export interface VersionClaim {
  pkg: string;
  /** The range text as written in the skill. */
  range: string;
  /** The field it came from (`compatibility`, `metadata.inngest`). */
  field: string;
  pos: Position;
}

export interface ClaimSource {
  field: string;
  text: string;
  pos: Position;
}

const VERSION_TOKEN = String.raw`(?:\^|~|>=|<=|>|<|=)?\s*v?\d+(?:\.(?:\d+|[xX*])){0,2}(?:-[0-9A-Za-z.]+)?\+?`;
const RANGE_AFTER_NAME = new RegExp(String.raw`^(?:\s*@\s*|\s+v?|\s*:\s*)(${VERSION_TOKEN}(?:\s*(?:\|\||\s-\s|\s)\s*${VERSION_TOKEN})*)`);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Find `<name> <range>` statements for the given package names in a piece of prose. */
export function findClaims(sources: readonly ClaimSource[], packages: Iterable<string>): VersionClaim[] {
  const names = new Map<string, string[]>(); // spelled name (lowercase) -> packages
  for (const pkg of packages) {
    const key = pkg.toLowerCase();
    names.set(key, [...(names.get(key) ?? []), pkg]);
  }
  const wanted = new Set(names.keys());
  for (const [alias, pkgs] of Object.entries(ALIASES)) {
    const present = pkgs.filter((p) => wanted.has(p.toLowerCase()));
    if (present.length > 0) names.set(alias, [...new Set([...(names.get(alias) ?? []), ...present])]);
  }
  const claims: VersionClaim[] = [];
  for (const src of sources) {
    const lower = src.text.toLowerCase();
    for (const [spelled, pkgs] of names) {
      const re = new RegExp(String.raw`(^|[^A-Za-z0-9@/._-])${escapeRegExp(spelled)}(?![A-Za-z0-9_/-]|\.[A-Za-z])`, 'g');
      for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
        const end = m.index + m[0].length;
        const after = RANGE_AFTER_NAME.exec(src.text.slice(end));
        if (!after || after[1] === undefined) continue;
        const range = after[1].trim();
        for (const pkg of pkgs) claims.push({ pkg, range, field: src.field, pos: src.pos });
      }
    }
  }
  return claims;
}

export interface VersionMismatch {
  claim: VersionClaim;
  /** The project's range for the package, as written in package.json. */
  projectRange: string;
}

/**
 * Packages the project depends on outside every version the skill names for them. A skill
 * that names a package twice ("next 16.x ... checked against next 16.4.6") accepts either:
 * only when no claim fits is there a mismatch, reported once, with the first claim (the
 * requirement usually comes first).
 */
export function checkVersionFit(claims: readonly VersionClaim[], deps: ProjectDependencies): VersionMismatch[] {
  const byPkg = new Map<string, VersionClaim[]>();
  for (const c of claims) byPkg.set(c.pkg, [...(byPkg.get(c.pkg) ?? []), c]);
  const out: VersionMismatch[] = [];
  for (const [pkg, list] of byPkg) {
    const projectRange = deps.ranges.get(pkg);
    if (projectRange === undefined) continue;
    const projRange = parseRange(projectRange);
    if (projRange === null) continue;
    const readable = list.map((c) => ({ c, r: parseRange(c.range) })).filter((x): x is { c: VersionClaim; r: NonNullable<typeof x.r> } => x.r !== null);
    if (readable.length === 0) continue;
    if (readable.some((x) => rangesIntersect(x.r, projRange))) continue;
    out.push({ claim: readable[0]!.c, projectRange });
  }
  return out;
}

/**
 * The claim sources of a skill's frontmatter: `compatibility` (a string) and `metadata`
 * (string values; a key that is itself a package name counts as "<key> <value>").
 */
export function claimSources(fields: ReadonlyArray<{ key: string; value: unknown; valuePos: Position }>): ClaimSource[] {
  const out: ClaimSource[] = [];
  for (const f of fields) {
    if (f.key === 'compatibility' && typeof f.value === 'string') {
      out.push({ field: 'compatibility', text: f.value, pos: f.valuePos });
    }
    if (f.key === 'metadata' && typeof f.value === 'object' && f.value !== null && !Array.isArray(f.value)) {
      for (const [k, v] of Object.entries(f.value as Record<string, unknown>)) {
        if (typeof v !== 'string' && typeof v !== 'number') continue;
        out.push({ field: `metadata.${k}`, text: `${k} ${String(v)}`, pos: f.valuePos });
      }
    }
  }
  return out;
}
