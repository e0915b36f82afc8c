/**
 * fast-check arbitraries for YAML frontmatter: generated from tricky pieces, and mutations of
 * realistic frontmatter. Shared by the property test and ad-hoc long hunts.
 *
 * The pieces are weighted so that most generated fields are valid and within the fast path,
 * with a tricky piece here and there: a generator whose documents all fall back would prove
 * nothing (the property test checks the hit rate per style).
 */
import fc from 'fast-check';
import { EDGE_FRONTMATTER, REALISTIC_FRONTMATTER } from './frontmatter-samples.js';

/** `weight` parts of safe pieces for each part of tricky ones. */
function mostly<T>(weight: number, safe: readonly T[], tricky: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: fc.constantFrom(...safe) }, { weight: 1, arbitrary: fc.constantFrom(...tricky) });
}

const WORDS = [
  'a', 'b', 'Z', 'x y', 'word', 'Use when', 'name', '(a)', 'a-b', 'x.y', 'a/b', "it's", 'say "hi"', 'a:b', 'a#b', 'é', '😀',
  'Bash(git diff:*)', 'mcp__s__t', ', ', ' - ', '[x]', '{y}', '*', '&', '!', '|', '>', '%', '@', '`', '?', '~',
];
const ODD_SPACES = ['\u00a0', '\u2003', '\u3000', '\u200b', '\u1680'];
export const SPECIAL_LOOKALIKES = [
  '', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'no', 'yes', 'on', 'y',
  '0', '-0', '+0', '007', '12', '-12', '+12', '1_000', '0o17', '0o8', '0x1F', '0X1F', '0xg', '1.0', '-0.0', '.5', '5.', '1e3',
  '1E-3', '.1e+2', '1.2.3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'inf', '12345678901234567890', '0b101',
  '2025-01-15', '1:30', '0.', '-', '+', '.',
];
const PUNCT = [':', ': ', ' :', ' #', '#', ' # c', '-', '- ', '? ', ',', '[', ']', '{', '}', '*', '&', '!', '!!str ', '|', '>', '%', '@', '`', '"', "'", '\\', ' ', '  ', '\t', '/'];

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_LOOKALIKES) },
  { weight: 1, arbitrary: fc.constantFrom(...PUNCT, ...ODD_SPACES) },
);
const plainText = fc.array(token, { minLength: 1, maxLength: 5 }).map((t) => t.join(''));

const DQ_SAFE = ['a', ' ', 'x y', '\\n', '\\t', '\\"', '\\\\', '\\x41', '\\u00e9', '\\U0001F600', '\\ ', '\\/', '\\N', '\\_', '\\L', '\\0', '\\e', "'", '#', ' #', ': '];
const DQ_TRICKY = ['\\x4', '\\uD800', '\\U00110000', '\\q', '\\', '\t', '"'];
const doubleQuoted = fc.array(mostly(6, DQ_SAFE, DQ_TRICKY), { maxLength: 5 }).map((p) => `"${p.join('')}"`);

const singleQuoted = fc.array(mostly(6, ['a', ' ', "''", '\\', '"', '#', ' #', ': ', 'x y'], ["'", '\t']), { maxLength: 5 }).map((p) => `'${p.join('')}'`);

const afterScalar = mostly(6, ['', '', '', ' # comment'], [' ', '#x', ' x', '  ', ' #']);
const inlineScalar = fc
  .tuple(
    fc.oneof(
      { weight: 5, arbitrary: plainText },
      { weight: 2, arbitrary: doubleQuoted },
      { weight: 2, arbitrary: singleQuoted },
      { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_LOOKALIKES) },
    ),
    afterScalar,
  )
  .map(([v, after]) => v + after);

const key = mostly(
  8,
  ['name', 'description', 'allowed-tools', 'metadata', 'license', 'version', 'a', '_x', 'k-1', 'compatibility', 'model'],
  [
    'true', 'null', 'Null', '1', '__proto__', 'constructor', 'a.b', '"q"', "'q'", 'x y', '-x', '? q', 'a\u00a0',
    // Around the 128-character limit of the fast path and the 1,024 of YAML implicit keys.
    'k'.repeat(128), 'k'.repeat(129), 'k'.repeat(1024), 'k'.repeat(1025),
  ],
);
const separator = mostly(10, [': '], [':', ':  ', ' : ', ':\t', ':\u00a0']);

const blockLine = fc.oneof(
  { weight: 6, arbitrary: plainText.map((t) => ({ extra: 0, t })) },
  { weight: 2, arbitrary: fc.constant({ extra: 0, t: '' }) },
  { weight: 1, arbitrary: fc.record({ extra: fc.integer({ min: 1, max: 3 }), t: plainText }) },
  { weight: 1, arbitrary: fc.record({ extra: fc.integer({ min: -3, max: -1 }), t: mostly(3, ['', 'x'], ['# c', '---', '...', '- x']) }) },
  { weight: 1, arbitrary: fc.record({ extra: fc.integer({ min: 0, max: 2 }), t: fc.constantFrom('# not a comment', '#', '   ', '- item', 'k: v') }) },
);
const blockScalar = fc
  .record({
    indicator: fc.constantFrom('|', '>'),
    chomp: fc.constantFrom('', '', '-', '+'),
    headerTail: mostly(6, [''], [' ', ' # c', '2', '1-', '+-']),
    indent: fc.integer({ min: 1, max: 4 }),
    lines: fc.array(blockLine, { minLength: 0, maxLength: 6 }),
  })
  .map(({ indicator, chomp, headerTail, indent, lines }) => {
    const body = lines.map(({ extra, t }) => (t === '' && extra === 0 ? '' : ' '.repeat(Math.max(0, indent + extra)) + t));
    return [indicator + chomp + headerTail, ...body].join('\n');
  });

const nestedScalar = fc.oneof({ weight: 6, arbitrary: inlineScalar }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: blockScalar });

const blockSeq = fc
  .record({
    indent: fc.constantFrom(0, 0, 2, 2, 2, 1, 4),
    items: fc.array(fc.tuple(mostly(6, ['- '], ['-', '-  ', '- - ', '-\t']), nestedScalar), { minLength: 1, maxLength: 4 }),
    comment: mostly(4, [null], ['# between', '  # between', '', '   ']),
  })
  .map(({ indent, items, comment }) => {
    const pad = ' '.repeat(indent);
    const out = items.map(([dash, v], k) => (comment !== null && k === 1 ? `${comment}\n` : '') + pad + dash + v);
    return `\n${out.join('\n')}`;
  });

const blockMapping = fc
  .record({
    indent: fc.constantFrom(2, 2, 2, 1, 4),
    entries: fc.array(fc.tuple(key, separator, nestedScalar), { minLength: 1, maxLength: 4 }),
    uneven: mostly(6, [0], [1, -1]),
    comment: mostly(4, [null], ['# between', '  # between', '      # deep', '', '   ']),
  })
  .map(({ indent, entries, uneven, comment }) => {
    const out = entries.map(
      ([k, sep, v], idx) => (comment !== null && idx === 1 ? `${comment}\n` : '') + ' '.repeat(idx === 1 ? Math.max(0, indent + uneven) : indent) + k + sep + v,
    );
    return `\n${out.join('\n')}`;
  });

const fieldValue = fc.oneof(
  { weight: 6, arbitrary: inlineScalar },
  { weight: 3, arbitrary: blockScalar },
  { weight: 2, arbitrary: blockSeq },
  { weight: 2, arbitrary: blockMapping },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', ' # c', '[a, b]', '{a: 1}', '&x v', '*x', '!!int 3', ' # c\n  k: v') },
);

const fieldLine = fc.tuple(key, separator, fieldValue, mostly(6, [''], ['  ', ' # c', '\n', '\n# c'])).map(([k, sep, v, afterKey]) => {
  // A nested block needs the key alone on its line (trailing spaces, a comment or blank lines may follow it).
  if (v.startsWith('\n')) return k + ':' + afterKey + v;
  return k + sep + v;
});

const filler = mostly(2, [null], ['', '', '# comment', '  # indented comment', '   ', '#', '---', '...', '%YAML 1.2']);
export const document = fc
  .record({
    leading: filler,
    fields: fc.array(fc.tuple(fieldLine, filler), { minLength: 0, maxLength: 5 }),
    trailingNewline: mostly(4, [true], [false]),
  })
  .map(({ leading, fields, trailingNewline }) => {
    const lines: string[] = leading === null ? [] : [leading];
    for (const [f, fill] of fields) {
      lines.push(f);
      if (fill !== null) lines.push(fill);
    }
    const text = lines.join('\n');
    return trailingNewline && text.length > 0 ? `${text}\n` : text;
  });

const MUTATION_TOKENS = [' ', '  ', '\n', '\n  ', '\n- ', ':', ': ', '#', ' #', '-', '"', "'", '\\', '|', '>', '|-', '>+', '\t', 'a', '[', '{', '&a ', '*a', '!', '~', '0', '.', 'true', '\r', '\u2028', '\ufeff', 'é', '\u00a0'];
export const mutated = fc
  .tuple(
    fc.constantFrom(...REALISTIC_FRONTMATTER, ...EDGE_FRONTMATTER),
    fc.array(fc.record({ op: fc.constantFrom('insert', 'delete', 'replace'), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }), token: fc.constantFrom(...MUTATION_TOKENS) }), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const e of edits) {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      if (e.op === 'insert') s = s.slice(0, at) + e.token + s.slice(at);
      else if (e.op === 'delete') s = s.slice(0, at) + s.slice(at + e.len);
      else s = s.slice(0, at) + e.token + s.slice(at + e.len);
    }
    return s;
  });

export const firstLine = fc.integer({ min: 1, max: 40 });
