import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRange, rangesIntersect } from '../../src/install/semver.js';

const meet = (a: string, b: string) => rangesIntersect(parseRange(a)!, parseRange(b)!);

describe('semver ranges', () => {
  it.each([
    ['4.x', '^3.2.0', false],
    ['4.x', '^4.1.0', true],
    ['4', '~4.3.1', true],
    ['>=4', '3.9.9', false],
    ['>=4 <5', '5.0.0', false],
    ['>=4 <5', '4.99.1', true],
    ['16+', '^15.0.0', false],
    ['16+', '^16.0.0', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.0.3', '0.0.4', false],
    ['1.2 - 2.3', '2.3.9', true],
    ['1.2 - 2.3', '2.4.0', false],
    ['1.2.3 - 2.3.4', '2.3.5', false],
    ['3.x || 4.x', '^4.0.0', true],
    ['3.x || 5.x', '^4.0.0', false],
    ['*', '1.0.0', true],
    ['>1.2', '1.2.9', false],
    ['>1.2', '1.3.0', true],
    ['<=1.2', '1.2.9', true],
    ['<=1.2', '1.3.0', false],
    ['<4', '4.0.0', false],
    ['v4.1.0', '^4.0.0', true],
    ['4.0.0-beta.1', '^4.0.0', true],
  ])('%s meets %s: %s', (a, b, expected) => {
    expect(meet(a, b)).toBe(expected);
    expect(meet(b, a)).toBe(expected);
  });

  it('returns null for what it does not understand', () => {
    for (const r of ['latest', 'workspace:*', 'file:../x', 'github:a/b', 'npm:foo@1', '1.x.3', '>=abc']) expect(parseRange(r), r).toBeNull();
  });

  it('agrees with a brute-force check of ^ and ~ over small versions', () => {
    const v = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3));
    fc.assert(
      fc.property(v, v, fc.constantFrom('^', '~', '>=', '<', ''), ([a, b, c], [x, y, z], op) => {
        const range = parseRange(`${op}${a}.${b}.${c}`)!;
        const exact = parseRange(`${x}.${y}.${z}`)!;
        const cmp = x - a || y - b || z - c;
        const satisfies =
          op === '^' ? (a > 0 ? x === a && cmp >= 0 : b > 0 ? x === 0 && y === b && cmp >= 0 : x === 0 && y === 0 && z === c)
          : op === '~' ? x === a && y === b && z >= c
          : op === '>=' ? cmp >= 0
          : op === '<' ? cmp < 0
          : cmp === 0;
        expect(rangesIntersect(range, exact)).toBe(satisfies);
      }),
    );
  });
});
