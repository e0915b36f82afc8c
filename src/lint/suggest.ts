/** "Did you mean" for unknown names: the closest candidate within a small edit distance. */

/* Three rows of the distance table, reused by every call of `distanceWithin` and grown as needed. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * The optimal string alignment distance of `a` and `b` (Levenshtein plus adjacent
 * transpositions) when it is at most `max`; otherwise some number above `max`. Stops once
 * two consecutive rows exceed `max`: a cell draws on the row above (+0 or +1) and, for a
 * transposition, on the row two above (+1), so no later row can come back within `max`.
 * `suggest` runs it once per candidate, and a set of 10,000 skills makes many candidates: the
 * rows are reused instead of allocated per call.
 */
function distanceWithin(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max && prevMin > max) return max + 1;
    prevMin = rowMin;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n]!;
}

/* How many of each ASCII character the input of the current `suggest` call has. */
const inputCounts = new Int32Array(128);

/**
 * How many characters `text` shares with the input counted in `inputCounts` (as multisets),
 * or -1 when `text` has a character outside ASCII. An edit changes at most one character of
 * each side and a transposition none, so two strings sharing `common` characters are at least
 * (a.length + b.length - 2 * common) / 2 edits apart: a count that rules most candidates out
 * for a fraction of the distance table's cost.
 */
function sharedCharacters(text: string): number {
  let common = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) break;
    if (inputCounts[c]! > 0) common++;
    inputCounts[c]!--;
  }
  for (let k = 0; k < i; k++) inputCounts[text.charCodeAt(k)]!++;
  return i === text.length ? common : -1;
}

/**
 * The best candidate for `input`: an exact case-insensitive match first, then the smallest
 * edit distance within max(1, a third of the length), ties to the smaller string. Undefined
 * when nothing is close.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  return suggester(candidates)(input);
}

/**
 * `suggest` over a fixed list, for many inputs: the list is indexed once (lower-cased, by
 * length), so each input looks only at candidates of a length within its limit instead of
 * lower-casing and measuring every one. A set rule asks once per unknown name, and a hostile
 * tree of 10,000 skills can name 10,000 unknown ones.
 */
export function suggester(candidates: Iterable<string>): (input: string) => string | undefined {
  const exact = new Map<string, string>();
  const byLength = new Map<number, Array<{ c: string; lower: string }>>();
  for (const c of candidates) {
    const lower = c.toLowerCase();
    if (!exact.has(lower)) exact.set(lower, c);
    let bucket = byLength.get(c.length);
    if (!bucket) byLength.set(c.length, (bucket = []));
    bucket.push({ c, lower });
  }
  return (input) => {
    const lower = input.toLowerCase();
    const same = exact.get(lower);
    if (same !== undefined) return same;
    const limit = Math.max(1, Math.floor(input.length / 3));
    let ascii = true;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (c >= 128) ascii = false;
      else inputCounts[c]!++;
    }
    let best: string | undefined;
    let bestDistance = Infinity;
    try {
      for (let length = Math.max(0, input.length - limit); length <= input.length + limit; length++) {
        for (const { c, lower: other } of byLength.get(length) ?? []) {
          // Only a distance within the limit can be the answer, and only one no larger than the
          // best so far can replace it: anything beyond both needs no exact value.
          const within = Math.min(limit, bestDistance);
          if (ascii) {
            const common = sharedCharacters(other);
            if (common >= 0 && lower.length + other.length - 2 * common > 2 * within) continue;
          }
          const d = distanceWithin(lower, other, within);
          if (d > limit) continue;
          if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
            best = c;
            bestDistance = d;
          }
        }
      }
    } finally {
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        if (c < 128) inputCounts[c]!--;
      }
    }
    return bestDistance <= limit ? best : undefined;
  };
}
