import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeys, formatPointer, locate, parseJsonWithPositions, scanJson } from '../../src/plugin/json.js';

function errorOf(text: string) {
  const r = scanJson(text);
  if (r.ok) throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
  return r.error;
}

describe('scanJson: syntax errors with line and column', () => {
  it.each([
    ['{\n  "a": 1,\n}', 3, 1, /trailing comma/],
    ['{\n  "a": [1, 2,]\n}', 2, 14, /trailing comma/],
    ['{\n  // note\n  "a": 1\n}', 2, 3, /comments are not allowed/],
    ["{\n  'a': 1\n}", 2, 3, /property name in double quotes/],
    ['{\n  "a": \'x\'\n}', 2, 8, /double quotes/],
    ['{\n  "a": "x\n"}', 2, 10, /line break inside a string/],
    ['{ "a": 1 "b": 2 }', 1, 10, /',' or '}'/],
    ['{ "a": 01 }', 1, 9, /invalid number/],
    ['{ "a": tru }', 1, 8, /expected a value/],
    ['{ "a": "\\x" }', 1, 9, /invalid escape/],
    ['{ "a": 1 } x', 1, 12, /after the end/],
    ['', 1, 1, /empty/],
    ['  \n ', 2, 2, /empty/],
    ['{ "a": "\u0001" }', 1, 9, /control character U\+0001/],
    ['\uFEFF{}', 1, 1, /byte order mark/],
    ['{ "a": ', 1, 8, /end of file/],
  ])('%j -> line %i col %i', (text, line, column, message) => {
    const e = errorOf(text);
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
    expect(e.message).toMatch(message);
  });

  it('counts CRLF and CR line endings as one line break each', () => {
    expect(errorOf('{\r\n"a": 1,\r\n}').line).toBe(3);
    expect(errorOf('{\r"a": 1,\r}').line).toBe(3);
  });

  it('stops at the nesting limit instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const e = errorOf(deep);
    expect(e.message).toMatch(/nested deeper than 256/);
    expect(scanJson('['.repeat(200) + ']'.repeat(200)).ok).toBe(true);
  });
});

describe('scanJson agrees with JSON.parse', () => {
  it('accepts everything JSON.stringify writes, and yields the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseJsonWithPositions(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.data).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects exactly what JSON.parse rejects, on mutated documents', () => {
    const mutated = fc
      .tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '/', '\\', ' ', '0', '-', 'e', 'x'), fc.boolean())
      .map(([value, at, ch, del]) => {
        const text = JSON.stringify(value, null, 1);
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + ch + text.slice(del ? i + 1 : i);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        expect(scanJson(text).ok).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('positions of keys and values', () => {
  const text = '{\n  "name": "x",\n  "skills": [\n    "./a",\n    "./b"\n  ],\n  "author": { "name": "n" }\n}\n';
  const scan = scanJson(text);
  if (!scan.ok) throw new Error('fixture must parse');

  it('finds a member key, an array item and a nested key', () => {
    expect(locate(scan.root, scan.lines, ['name']).key).toEqual({ line: 2, column: 3 });
    expect(locate(scan.root, scan.lines, ['skills', 1]).value).toEqual({ line: 5, column: 5 });
    expect(locate(scan.root, scan.lines, ['author', 'name']).key).toEqual({ line: 7, column: 15 });
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    expect(locate(scan.root, scan.lines, ['author', 'email']).key).toEqual({ line: 7, column: 3 });
    expect(locate(scan.root, scan.lines, ['version']).value).toEqual({ line: 1, column: 1 });
  });

  it('reports duplicate keys where the second one is', () => {
    const dup = scanJson('{\n  "a": 1,\n  "b": { "c": 1, "c": 2 },\n  "a": 3\n}');
    if (!dup.ok) throw new Error('must parse');
    const found = duplicateKeys(dup.root, dup.lines);
    expect(found.map((d) => [d.key, formatPointer(d.pointer), d.pos.line, d.firstPos.line])).toEqual([
      ['c', 'b', 3, 3],
      ['a', '(root)', 4, 2],
    ]);
  });

  it('does not let a __proto__ key touch any prototype', () => {
    const parsed = parseJsonWithPositions('{"__proto__": {"polluted": true}, "a": 1}');
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (parsed.ok) expect(Object.hasOwn(parsed.data as object, '__proto__')).toBe(true);
  });

  it('formats pointers for messages', () => {
    expect(formatPointer(['plugins', 0, 'skills', 2])).toBe('plugins[0].skills[2]');
    expect(formatPointer(['a b'])).toBe('["a b"]');
    expect(formatPointer([])).toBe('(root)');
  });
});
