/**
 * Semver ranges for the version-fit check: can any version satisfy both the range a skill
 * names ("inngest 4.x") and the range a project depends on ("^3.2.0")? The `semver` package
 * answers that (`intersects`); this file only adapts the prose forms skills use.
 */
import semver from 'semver';

/** A normalised semver range (`>=4.0.0 <5.0.0-0`). */
export type Range = string;

/**
 * Read a range as written in package.json or in a skill. Accepts everything `semver` does,
 * plus the prose form `16+` (">= 16"). Pre-release tags are ignored (`4.0.0-beta.1` counts as
 * 4.0.0): this is a warning about major versions, not a resolver. Anything else (`latest`,
 * `workspace:*`, git URLs) is null, and an unknown range never produces a warning.
 */
export function parseRange(text: string): Range | null {
  let t = text.trim();
  const plus = /^v?(\d+(?:\.\d+){0,2})\+$/.exec(t);
  if (plus) t = `>=${plus[1]}`;
  t = t.replace(/(\d)-[0-9A-Za-z.]+/g, '$1');
  return semver.validRange(t);
}

/** True when some version satisfies both ranges. */
export function rangesIntersect(a: Range, b: Range): boolean {
  return semver.intersects(a, b);
}
