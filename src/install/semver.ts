/**
 * A tiny semver *range* reader, enough to answer one question: can any version satisfy both
 * the range a skill names ("inngest 4.x") and the range a project depends on ("^3.2.0")?
 *
 * Hand-written on purpose: the package ships three runtime dependencies and `semver` is not
 * one of them; the question needs intervals, not the full semver grammar. Supported: exact
 * and partial versions (`4`, `4.2`, `4.x`, `4.*`, `*`), `^`, `~`, `>`, `>=`, `<`, `<=`, `=`,
 * hyphen ranges (`1.2 - 3`), `||`, space-separated conjunctions, a leading `v`, and the prose
 * form `16+` (">= 16"). Pre-release and build tags are ignored (a version `4.0.0-beta.1`
 * counts as `4.0.0`): a warning, not a resolver. Anything else is "unknown" (null), and an
 * unknown range never produces a warning.
 */

export type Version = readonly [number, number, number];

export interface Interval {
  lo: Version;
  loInclusive: boolean;
  /** null = unbounded above. */
  hi: Version | null;
  hiInclusive: boolean;
}

/** A range is a union of intervals; an empty array matches nothing. */
export type Range = Interval[];

const ZERO: Version = [0, 0, 0];
const ANY: Interval = { lo: ZERO, loInclusive: true, hi: null, hiInclusive: false };

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** A partial version: numbers given, then `undefined` for each missing or wildcard part. */
type Partial3 = [number | undefined, number | undefined, number | undefined];

const PARTIAL = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function parsePartial(text: string): Partial3 | null {
  const m = PARTIAL.exec(text);
  if (!m) return null;
  const parts: Partial3 = [undefined, undefined, undefined];
  let wild = false;
  for (let i = 0; i < 3; i++) {
    const raw = m[i + 1];
    if (raw === undefined || /^[xX*]$/.test(raw)) {
      wild = true;
      continue;
    }
    if (wild) return null; // `1.x.3` is not a thing
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) return null;
    parts[i] = n;
  }
  return parts;
}

function floor(p: Partial3): Version {
  return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}

/** The first version above everything the partial matches (`1.2` -> `1.3.0`); null for `*`. */
function ceilingExclusive(p: Partial3): Version | null {
  if (p[0] === undefined) return null;
  if (p[1] === undefined) return [p[0] + 1, 0, 0];
  if (p[2] === undefined) return [p[0], p[1] + 1, 0];
  return [p[0], p[1], p[2] + 1];
}

function interval(lo: Version, loInclusive: boolean, hi: Version | null, hiInclusive: boolean): Interval {
  return { lo, loInclusive, hi, hiInclusive };
}

function comparator(token: string): Interval | null {
  const m = /^(\^|~|>=|<=|>|<|=)?\s*(.+?)(\+)?$/.exec(token);
  if (!m) return null;
  const op = m[1] ?? '';
  const plus = m[3] === '+';
  const p = parsePartial(m[2] ?? '');
  if (p === null) return null;
  if (plus) {
    if (op !== '') return null;
    return interval(floor(p), true, null, false);
  }
  const lo = floor(p);
  const ceil = ceilingExclusive(p);
  switch (op) {
    case '':
    case '=':
      return ceil === null ? ANY : interval(lo, true, ceil, false);
    case '>=':
      return interval(lo, true, null, false);
    case '>':
      // `>1.2` means above every 1.2.x.
      return ceil === null ? interval(ZERO, false, ZERO, false) : p[2] === undefined ? interval(ceil, true, null, false) : interval(lo, false, null, false);
    case '<':
      return p[0] === undefined ? interval(ZERO, false, ZERO, false) : interval(ZERO, true, lo, false);
    case '<=':
      return ceil === null ? ANY : p[2] === undefined ? interval(ZERO, true, ceil, false) : interval(ZERO, true, lo, true);
    case '~': {
      if (p[0] === undefined) return ANY;
      const hi: Version = p[1] === undefined ? [p[0] + 1, 0, 0] : [p[0], p[1] + 1, 0];
      return interval(lo, true, hi, false);
    }
    case '^': {
      if (p[0] === undefined) return ANY;
      let hi: Version;
      if (p[0] > 0 || p[1] === undefined) hi = [p[0] + 1, 0, 0];
      else if (p[1] > 0 || p[2] === undefined) hi = [0, p[1] + 1, 0];
      else hi = [0, 0, p[2] + 1];
      return interval(lo, true, hi, false);
    }
    default:
      return null;
  }
}

function intersect(a: Interval, b: Interval): Interval | null {
  const loCmp = compareVersions(a.lo, b.lo);
  const lo = loCmp > 0 ? a.lo : b.lo;
  const loInclusive = loCmp > 0 ? a.loInclusive : loCmp < 0 ? b.loInclusive : a.loInclusive && b.loInclusive;
  let hi: Version | null;
  let hiInclusive: boolean;
  if (a.hi === null) {
    hi = b.hi;
    hiInclusive = b.hiInclusive;
  } else if (b.hi === null) {
    hi = a.hi;
    hiInclusive = a.hiInclusive;
  } else {
    const c = compareVersions(a.hi, b.hi);
    hi = c < 0 ? a.hi : b.hi;
    hiInclusive = c < 0 ? a.hiInclusive : c > 0 ? b.hiInclusive : a.hiInclusive && b.hiInclusive;
  }
  const result = interval(lo, loInclusive, hi, hiInclusive);
  return isEmpty(result) ? null : result;
}

function isEmpty(i: Interval): boolean {
  if (i.hi === null) return false;
  const c = compareVersions(i.lo, i.hi);
  return c > 0 || (c === 0 && !(i.loInclusive && i.hiInclusive));
}

/** Parse a range; null when any part is not understood. */
export function parseRange(text: string): Range | null {
  const alternatives = text.trim().split('||');
  const range: Range = [];
  for (const alt of alternatives) {
    const trimmed = alt.trim();
    if (trimmed === '') {
      range.push(ANY);
      continue;
    }
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(trimmed);
    if (hyphen) {
      const a = parsePartial(hyphen[1] ?? '');
      const b = parsePartial(hyphen[2] ?? '');
      if (a === null || b === null) return null;
      const ceil = ceilingExclusive(b);
      const hi = b[2] === undefined ? ceil : floor(b);
      range.push(interval(floor(a), true, hi, b[2] !== undefined));
      continue;
    }
    // Join an operator to its version (`>= 4` -> `>=4`), then split the conjunction.
    const tokens = trimmed.replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1').split(/[\s,]+/).filter((t) => t !== '');
    let acc: Interval | null = ANY;
    for (const token of tokens) {
      const c = comparator(token);
      if (c === null) return null;
      acc = acc === null ? null : intersect(acc, c);
    }
    if (acc !== null) range.push(acc);
  }
  return range;
}

/** True when some version satisfies both ranges. */
export function rangesIntersect(a: Range, b: Range): boolean {
  for (const x of a) for (const y of b) if (intersect(x, y) !== null) return true;
  return false;
}
