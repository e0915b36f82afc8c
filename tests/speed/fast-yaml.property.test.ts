/**
 * The fast frontmatter path must agree with the yaml path on every input it answers.
 * Generators build frontmatter from tricky pieces (indicators, core-schema look-alikes,
 * escapes, chomping, indentation, comments) and mutate realistic frontmatter; whenever the
 * fast path returns fields, they must deep-equal the yaml path's (values, -0, NaN, null
 * prototypes, positions, styles), and the yaml path must see no error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseFrontmatter, resolvePlain } from '../../src/skill/fast-yaml.js';
import { parseFrontmatterYaml } from '../../src/skill/frontmatter.js';
import { document, firstLine as firstLineArb, mutated, SPECIAL_LOOKALIKES } from './frontmatter-arbitraries.js';
import { EDGE_FRONTMATTER, REALISTIC_FRONTMATTER } from './frontmatter-samples.js';

/**
 * Runs per property. `npm test` keeps it short; a long hunt is
 * `FAST_YAML_RUNS=500000 npx vitest run tests/speed/fast-yaml.property.test.ts`.
 */
const RUNS = Number(process.env.FAST_YAML_RUNS) > 0 ? Number(process.env.FAST_YAML_RUNS) : 10_000;
/** A safety net for long hunts (the yaml path takes well under 1 ms per document), not a timed assertion. */
const TIMEOUT = Math.max(60_000, RUNS * 2);

/** Returns true when the fast path answered (and then it must agree). */
function agree(text: string, firstLine: number): boolean {
  const fast = fastParseFrontmatter(text, firstLine);
  if (fast === undefined) return false;
  const slow = parseFrontmatterYaml(text, firstLine);
  expect(slow.error, `fast path answered but yaml path reports an error for ${JSON.stringify(text)}`).toBeUndefined();
  expect(fast.fields, `disagreement on ${JSON.stringify(text)}`).toStrictEqual(slow.fields);
  return true;
}

describe('fastParseFrontmatter agrees with the yaml path', () => {
  it('takes every realistic frontmatter, with identical fields', () => {
    for (const text of REALISTIC_FRONTMATTER) {
      expect(agree(text, 2), `fast path declined realistic frontmatter ${JSON.stringify(text)}`).toBe(true);
    }
  });

  it('agrees on generated frontmatter', () => {
    fc.assert(
      fc.property(document, firstLineArb, (text, line) => {
        agree(text, line);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('agrees on mutated realistic frontmatter', () => {
    fc.assert(
      fc.property(mutated, firstLineArb, (text, line) => {
        agree(text, line);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('agrees on arbitrary strings over a YAML-heavy alphabet', () => {
    const chars = fc.constantFrom('a', 'b', ' ', '\n', ':', '-', '#', '"', "'", '|', '>', '\\', '1', '.', 'k', 'e', '+', '~');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((c) => c.join('')), firstLineArb, (text, line) => {
        agree(text, line);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('is not vacuous: the generators reach every style the fast path answers', () => {
    // Fixed seeds keep this deterministic; the thresholds are far below the observed counts.
    for (const [arb, seed] of [[document, 1], [mutated, 2]] as const) {
      const styles = new Map<string, number>();
      for (const text of fc.sample(arb, { numRuns: 3_000, seed })) {
        for (const f of fastParseFrontmatter(text, 1)?.fields ?? []) styles.set(f.style, (styles.get(f.style) ?? 0) + 1);
      }
      for (const style of ['plain', 'single', 'double', 'block-literal', 'block-folded', 'seq', 'map', 'null']) {
        expect(styles.get(style) ?? 0, `${style} fields answered by the fast path (seed ${seed})`).toBeGreaterThan(5);
      }
    }
  });

  it('declines what it cannot be sure about', () => {
    for (const text of EDGE_FRONTMATTER) expect(fastParseFrontmatter(text, 2), JSON.stringify(text)).toBeUndefined();
    for (const text of [`${'k'.repeat(1025)}: v\n`, `m:\n  ${'k'.repeat(1025)}: v\n`, 'name: x\tz\n', 'name: x\r\n', '\ufeffname: x\n', 'a: 1\na: 2\n', 'a: "x\\q"\n', 'a: |\n\n', 'a: b: c\n']) {
      expect(fastParseFrontmatter(text, 1), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('follows the YAML 1.2 core schema exactly like the yaml package', () => {
    for (const s of SPECIAL_LOOKALIKES) {
      if (s === '' || /^[-+.]$/.test(s) || s === '-') continue;
      const text = `v: ${s}\n`;
      const slow = parseFrontmatterYaml(text, 1);
      if (slow.error) continue;
      expect(resolvePlain(s), s).toStrictEqual(slow.fields[0]?.value);
      agree(text, 1);
    }
  });

  it('hand-picked corner cases agree', () => {
    const cases = [
      'a:\n# c\nb: 1\n',
      'a:  \nb: 1\n',
      'a:\n\nb: 1\n',
      'a:\n  # c\n  k: v\n',
      'a:\n# c\n  - x\n',
      'a: |\n  x\n\n# c\nb: 1\n',
      'a: |+\n  x\n\n# c\nb: 1\n',
      'a: |+\n  x\n\n',
      'a: >\n\n  x\n  y\n\n\n  z\n',
      'a: >-\n  x\n',
      'a: |-\n  x\n   y\n',
      'a: |\n  x',
      '# only\n',
      '',
      'a: x\n  # c\nb: y\n',
      'a: "x" # c\n',
      "a: 'it''s' #c\n",
      'a: "\\x41\\u00e9\\U0001F600"\n',
      'a: x #c\n',
      'a: x#c\n',
      'a: -1\n',
      'a: -x\n',
      'a: -\n',
      'a: __proto__\n__proto__: 1\n',
      'm:\n  __proto__: x\n  constructor: y\n',
      'l:\n- a\n- "b"\n- \'c\'\nn: 1\n',
      'l:\n  - a\n  -  b\n',
      'a: 12345678901234567890\n',
      'a: -0\nb: -0.0\nc: .NaN\n',
      // String#trimEnd would eat the no-break space; YAML keeps it (found by the generator).
      'a: x\u00a0 \n',
      'a: x \u3000  # c\n',
      'a: |+\n  x\n# c\n\nb: 1\n',
      'a: |+\n  x\n\n# c\n\nb: 1\n',
      'a: >+\n  x\n\n\n',
      'a: |-\n  x\n\n\nb: 1',
      'l:\n  - a\n\n  # c\n\n  - b\nn: 1\n',
      'm:\n  a: 1\n\n    # deep\n  b: 2\n',
      // YAML limits implicit keys to 1,024 characters (found by hand after the generators missed it).
      `${'k'.repeat(128)}: v\n`,
      `m:\n  ${'k'.repeat(128)}: v\n`,
    ];
    for (const text of cases) agree(text, 3);
  });
});
