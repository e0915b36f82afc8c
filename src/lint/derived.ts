/**
 * Per-document facts that several skill rules share (the parsed `allowed-tools` entries, the
 * resolved link targets), computed once per document instead of once per rule.
 *
 * The memo lives only while the runner is inside one document: `runSkillRules` enters the
 * document before its first rule and leaves it after its last. A rule called on any other
 * document (directly from a test, or on a document the caller mutated between two runs)
 * simply computes afresh, so a cached value can never be stale and nothing is kept alive
 * after the run. A WeakMap keyed by document would survive between runs, which is wrong
 * for a document that changed and hides the real per-run cost in benchmarks.
 *
 * Why not a field on the context: the rule contract (src/lint/types.ts) is shared, and a memo
 * keyed on "the document being linted right now" needs no change to it.
 */
import type { SkillDocument } from '../skill/model.js';

let current: SkillDocument | undefined;
/** Bumped on every enter and leave, so a value from an earlier visit of the same object is never reused. */
let generation = 0;

/** Called by the runner before the rules of `doc`; returns what `leaveDocument` restores. */
export function enterDocument(doc: SkillDocument): SkillDocument | undefined {
  const previous = current;
  current = doc;
  generation++;
  return previous;
}

export function leaveDocument(previous: SkillDocument | undefined): void {
  current = previous;
  generation++;
}

/**
 * Wrap a pure function of a document so that, while the runner is inside that document, it
 * runs once and every later caller gets the same value. Callers must treat the value as
 * read-only: other rules see it too. If `compute` throws, nothing is cached and the next
 * caller throws the same way, so each rule still reports its own internal error.
 */
export function perDocument<T>(compute: (skill: SkillDocument) => T): (skill: SkillDocument) => T {
  let cachedGeneration = -1;
  let cached: T | undefined;
  return (skill) => {
    if (skill !== current) return compute(skill);
    if (cachedGeneration !== generation) {
      cached = compute(skill);
      cachedGeneration = generation;
    }
    return cached as T;
  };
}
