/**
 * `target.push(...items)` without the spread. V8 passes spread elements as call arguments, and
 * a call with more than ~120,000 of them overflows the stack: one SKILL.md under the size cap
 * can yield that many findings (a megabyte of empty code fences), and a tree that many more.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** `Math.max(...values)` for any number of values (0 for none). */
export function maxOf(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}
