/**
 * The body scanner's shortcuts: every check that lets it skip a regex, a slice or a line is
 * tested here on input where the skipped work would have found something, and on the edge
 * just past it. (The scanner's behaviour as a whole is in tests/rules/body/markdown.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { analyzeBody } from '../../src/skill/markdown.js';

const scan = (text: string) => analyzeBody(text, 1);
const headings = (text: string) => scan(text).headings.map((h) => [h.level, h.text, h.line]);
const blocks = (text: string) => scan(text).codeBlocks.map((b) => [b.lang, b.info, b.code, b.line, b.column, b.unclosed]);
const links = (text: string) => scan(text).links.map((l) => [l.kind, l.target, l.line, l.column]);
const refs = (text: string) => scan(text).references.map((r) => [r.name, r.line, r.column]);

describe('lines found with indexOf instead of split', () => {
  it('counts lines like split("\\n") without a trailing empty line', () => {
    expect(scan('a\nb\n').lineCount).toBe(2);
    expect(scan('a\n\n').lineCount).toBe(2);
    expect(scan('\n').lineCount).toBe(1);
    expect(scan('').lineCount).toBe(0);
  });

  it('keeps a \\r as part of its line', () => {
    expect(headings('# Title\r')).toEqual([]);
    expect(headings('Mixed\r\n# Title\n')).toEqual([[1, 'Title', 2]]);
  });
});

describe('fenced code taken as one slice of the text', () => {
  it('gives an empty block for a fence with no code, at the end or before a blank line', () => {
    expect(blocks('```\n')).toEqual([['', '', '', 1, 1, true]]);
    expect(blocks('```')).toEqual([['', '', '', 1, 1, true]]);
    expect(blocks('```\n\n')).toEqual([['', '', '', 1, 1, true]]);
  });

  it('runs an unclosed block to the end of the last line', () => {
    expect(blocks('x\n```ts\ncode\n')).toEqual([['ts', 'ts', 'code', 2, 1, true]]);
    expect(blocks('```\na\n\nb')).toEqual([['', '', 'a\n\nb', 1, 1, true]]);
  });
});

describe('closing a fence without reading every code line', () => {
  it('closes on a run of the fence character at least as long, then only blanks', () => {
    expect(blocks('```\na\n```  \t\nafter')).toEqual([['', '', 'a', 1, 1, false]]);
    expect(blocks('````\na\n```\nb\n`````\n')).toEqual([['', '', 'a\n```\nb', 1, 1, false]]);
    expect(blocks('  ```bash\n  ls\n  ```')).toEqual([['bash', 'bash', '  ls', 1, 3, false]]);
  });

  it('does not close on the other fence character or on a run inside a line', () => {
    expect(blocks('```\na\n~~~\nb\n```')).toEqual([['', '', 'a\n~~~\nb', 1, 1, false]]);
    expect(blocks('```\na\n x ```\n```')).toEqual([['', '', 'a\n x ```', 1, 1, false]]);
  });

  it('hides what looks like links, tags and bold inside the block', () => {
    const text = '```\n[a](x.md) <a href="y"> `z` **b**\n```\n[c](c.md) and <img src="d.png">';
    expect(links(text)).toEqual([
      ['link', 'c.md', 4, 1],
      ['image', 'd.png', 4, 15],
    ]);
  });
});

describe('opening a fence without a regex', () => {
  it('needs three of the character and trims the info string', () => {
    expect(blocks('``\nx')).toEqual([]);
    expect(blocks('``` ts \nx\n```')).toEqual([['ts', 'ts', 'x', 1, 1, false]]);
  });

  it('allows a backtick in a tilde fence info string only', () => {
    expect(blocks('~~~ `x`\ny\n~~~')).toEqual([['`x`', '`x`', 'y', 1, 1, false]]);
    expect(blocks('``` `x` ```\n# H\n')).toEqual([]);
  });

  it('is no fence when a \\r, U+2028 or U+2029 follows the run', () => {
    expect(blocks('```x\r\ny\n```')).toEqual([['', '', '', 3, 1, true]]);
    expect(blocks('```x\u2028\ny')).toEqual([]);
    expect(blocks('~~~\u2029')).toEqual([]);
  });

  it('takes the language of a single lowercase word as is, and the first word of the rest', () => {
    expect(blocks('```{.python .n}\n```\n```rust,ignore\n```\n```TS\n```\n```c++\n```\n```\n```').map((b) => b[0])).toEqual([
      'python',
      'rust',
      'ts',
      'c++',
      '',
    ]);
  });
});

describe('ATX headings read by hand', () => {
  it('reads the level and the text between the blanks and a closing # run', () => {
    expect(headings('#\tTitle\t#\t')).toEqual([[1, 'Title', 1]]);
    expect(headings('   # x')).toEqual([[1, 'x', 1]]);
    expect(headings('# x ###   ')).toEqual([[1, 'x', 1]]);
    expect(headings('#')).toEqual([[1, '', 1]]);
    expect(headings('#  ')).toEqual([[1, '', 1]]);
  });

  it('keeps a # run that does not follow a blank', () => {
    expect(headings('## C# ##')).toEqual([[2, 'C#', 1]]);
    expect(headings('# a #b')).toEqual([[1, 'a #b', 1]]);
    expect(headings('# #')).toEqual([[1, '#', 1]]);
    expect(headings('# ###')).toEqual([[1, '###', 1]]);
  });

  it('trims other whitespace from the text', () => {
    expect(headings('# \u00a0x\u00a0')).toEqual([[1, 'x', 1]]);
  });

  it('rejects deep indents, tabs before the #, seven #s and a missing blank', () => {
    expect(headings('    # x\n \t# x\n####### x\n#x')).toEqual([]);
  });

  it('rejects a heading whose text holds a line terminator other than \\n', () => {
    expect(headings('# a\u2028b\n# c\u2029\n# d\re\n## ok')).toEqual([[2, 'ok', 4]]);
  });
});

describe('setext headings judged only when an underline follows', () => {
  it('turns paragraph text into a heading', () => {
    expect(headings('Title\n===')).toEqual([[1, 'Title', 1]]);
    expect(headings('Title\n  ===  ')).toEqual([[1, 'Title', 1]]);
    expect(headings('Title\n=\t')).toEqual([[1, 'Title', 1]]);
  });

  it('does not for list items, blank or indented lines, headings, fences or spaced dashes', () => {
    for (const text of ['- item\n---', 'Title\n- - -', 'Title\n    ===', '\u00a0\n===', '    code\n---', 'x\n\n---', '```\nx\n```\n---']) {
      expect(headings(text), JSON.stringify(text)).toEqual([]);
    }
    expect(headings('# H\n---')).toEqual([[1, 'H', 1]]);
  });
});

describe('lines skipped unless they hold a backtick, ](, < or [ first', () => {
  it('finds links on consecutive lines and after a plain line', () => {
    expect(links('[a](a.md)\n[b](b.md)\nplain\n[c](c.md)')).toEqual([
      ['link', 'a.md', 1, 1],
      ['link', 'b.md', 2, 1],
      ['link', 'c.md', 4, 1],
    ]);
  });

  it('finds <a> and <img> after other tags and a bare <', () => {
    expect(links('a < b and <br> then <img src=i.png>')).toEqual([['image', 'i.png', 1, 21]]);
    expect(links("<A HREF='x.md'>")).toEqual([['link', 'x.md', 1, 1]]);
  });

  it('reads a definition behind a leading code span, at the column of the raw line', () => {
    expect(links('`x`[id]: references/t.md')).toEqual([['link', 'references/t.md', 1, 4]]);
    expect(links('`[`[id]: t.md')).toEqual([['link', 't.md', 1, 2]]);
    expect(links('    [id]: x.md\n[^1]: x.md')).toEqual([]);
  });
});

describe('code spans paired without a lookahead table', () => {
  it('blanks a span whose content holds a shorter run', () => {
    expect(links('`` [x](a.md) ` `` [y](b.md)')).toEqual([['link', 'b.md', 1, 19]]);
    expect(links('` `` ` [m](m.md)')).toEqual([['link', 'm.md', 1, 8]]);
  });

  it('leaves runs without a partner literal', () => {
    expect(links('``x` [l](a.md)')).toEqual([['link', 'a.md', 1, 6]]);
  });

  it('finds file mentions in spans wherever the slashes are', () => {
    expect(links('`a` `references/x.md`')).toEqual([['path', 'references/x.md', 1, 6]]);
    expect(links('/ `references/y.md`')).toEqual([['path', 'references/y.md', 1, 4]]);
    expect(links('`x/y` `scripts/z.py` a/b')).toEqual([['path', 'scripts/z.py', 1, 8]]);
    expect(links('`a` b/c `references/q.md`')).toEqual([['path', 'references/q.md', 1, 10]]);
  });
});

describe('referencing sections judged when a line needs it', () => {
  it('knows decorated and numbered headings, and not other ones', () => {
    const text = [
      '## __Composes__ With',
      '- `a` — x',
      '## 🔗 Composes With',
      '- `b` — x',
      '## Related:',
      '- `c` — x',
      '## REFERENCES',
      '- `d` — x',
      '## **See** also',
      '- `e` — x',
    ].join('\n');
    expect(refs(text).map((r) => r[0])).toEqual(['a', 'b', 'c', 'e']);
  });

  it('judges a heading by its words once marks and leading symbols are gone', () => {
    const text = ['## `Related`', '- `a` — x', '## 1) See_also', '- `b` — x', '## *Use* instead:', '- `c` — x', '## Re*lated tools', '- `d` — x'].join('\n');
    expect(refs(text).map((r) => r[0])).toEqual(['a', 'c']);
  });

  it('takes bold names without backticks, also after bold inside a code block', () => {
    expect(refs('## Related Skills\n```\n**x**\n```\n- **seo-audit**: y\nplain **not-here** line')).toEqual([['seo-audit', 5, 5]]);
  });
});

describe('list markers', () => {
  it('accepts up to nine digits, a blank after the marker and a task box', () => {
    const text = ['## Composes With', '1234567890. `a` — x', '123456789. `b` — x', '-\t`c` — x', '- [ ] `d` — x', '- [x]`e` — x', '-`f` — x', '+ `g`', '1) `h`: x'].join('\n');
    expect(refs(text)).toEqual([
      ['b', 3, 13],
      ['c', 4, 4],
      ['d', 5, 8],
      ['g', 8, 4],
      ['h', 9, 5],
    ]);
  });

  it('reads names, bold names, linked names and their separators', () => {
    const text = [
      '## Composes With',
      '- `` — x',
      '- **name-a** — x',
      '- **Name** — x',
      '- [`name-b`](../name-b/SKILL.md) — x',
      '- `p`, `q` — x',
      '- `r` and `s`',
      '- `t`—x',
      '- `u`\u00a0and `v` — x',
    ].join('\n');
    expect(refs(text)).toEqual([
      ['name-a', 3, 5],
      ['name-b', 5, 5],
      ['p', 6, 4],
      ['q', 6, 9],
      ['r', 7, 4],
      ['s', 7, 12],
      ['t', 8, 4],
      ['u', 9, 4],
      ['v', 9, 12],
    ]);
  });
});

describe('what follows the names of a list item', () => {
  it('takes names followed by a dash, a colon, the end of the line or a word the regex allows', () => {
    const text = ['## Composes With', '- `a` —x', '- `b`: x', '- `c`', '- `d` – x', '- `e` for x', '- `f`\u00a0— x', '- `g` x', '- `h` -x', '- `i` - x'].join('\n');
    expect(refs(text).map((r) => r[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'i']);
  });
});

describe('arrow and "use" patterns', () => {
  it('takes names after arrows, words and emphasis, across any whitespace', () => {
    const text = [
      '## When NOT to Use',
      '- a →`n1`',
      '- b → use **`n2`**',
      '- c — see __`n3`__ instead',
      '- d — use\u00a0`n4`',
      '- e —`n5`',
      '- f → `n6` agent',
      '- g ⇒ `n7`',
      '- h -> `n8`',
      '- i — try\v`n9`',
    ].join('\n');
    expect(refs(text)).toEqual([
      ['n1', 2, 7],
      ['n2', 3, 14],
      ['n3', 4, 14],
      ['n4', 5, 12],
      ['n7', 8, 8],
      ['n8', 9, 9],
      ['n9', 10, 12],
    ]);
  });
});

describe('references in source order and once per line', () => {
  it('sorts names found out of order on one line', () => {
    expect(refs('## Composes With\n| `a` | the `b` skill |')).toEqual([
      ['a', 2, 4],
      ['b', 2, 14],
    ]);
  });

  it('keeps the same name on different lines', () => {
    expect(refs('## Composes With\n- `x` — one\n- `x` — two')).toEqual([
      ['x', 2, 4],
      ['x', 3, 4],
    ]);
  });
});

describe('hostile lines', () => {
  // No timing is asserted: a quadratic scan of these lines would not finish within the test timeout.
  it('reads a heading with a long run of blanks inside it in linear time', () => {
    expect(headings(`# a${' '.repeat(200_000)}b`)).toEqual([[1, `a${' '.repeat(200_000)}b`, 1]]);
  });

  it('keeps tens of thousands of different names on one line in linear time', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `\`n${i}\``);
    expect(scan(`## Composes With\n- ${names.join(', ')}`).references).toHaveLength(50_000);
  });

  it('pairs thousands of backtick runs before an arrow pattern in linear time', () => {
    const line = `- x ${'` ` '.repeat(50_000)}→ \`last\``;
    expect(refs(`## Composes With\n${line}`)).toEqual([['last', 2, line.indexOf('`last') + 2]]);
  });
});

describe('fenced code counted without visiting its lines', () => {
  it('closes on the first line holding a long enough run alone, and numbers the lines after it', () => {
    const text = 'a\n```ts\nx ```\n  ````\n```\n# After\n~~~\n```\n~~~~ \n## Tail';
    expect(scan(text).lineCount).toBe(10);
    expect(blocks(text).map((b) => [b[0], b[2], b[3], b[5]])).toEqual([
      ['ts', 'x ```', 2, false],
      ['', '# After\n~~~', 5, false],
      ['', '## Tail', 9, true],
    ]);
    expect(headings(text)).toEqual([]);
  });

  it('counts the lines of an unclosed block with and without a final line break', () => {
    expect(scan('# A\n```\na\n\n').lineCount).toBe(4);
    expect(blocks('# A\n```\na\n\n').map((b) => [b[2], b[5]])).toEqual([['a\n', true]]);
    expect(scan('# A\n~~~\na\n# not').lineCount).toBe(4);
    expect(blocks('# A\n~~~\na\n# not').map((b) => [b[2], b[5]])).toEqual([['a\n# not', true]]);
  });

  it('closes on the last line of the text', () => {
    expect(scan('```\ncode\n```').lineCount).toBe(3);
    expect(blocks('```\ncode\n```').map((b) => [b[2], b[5]])).toEqual([['code', false]]);
  });
});

describe('plain lines passed over by their first character', () => {
  it('still makes a setext heading of a plain line', () => {
    expect(headings('intro\n\nPlain title\n---\ntext\nOther title\n===')).toEqual([
      [2, 'Plain title', 3],
      [1, 'Other title', 6],
    ]);
  });

  it('reads each line that starts with a character that may open something', () => {
    const text = 'p\n[id]: references/a.md\np\n#x\np\n## H\n- item\n=\np\n~~~\n~~~\np `c`';
    expect(scan(text).lineCount).toBe(12);
    expect(headings(text)).toEqual([[2, 'H', 6]]);
    expect(blocks(text).map((b) => b[3])).toEqual([10]);
    expect(links(text)).toEqual([['link', 'references/a.md', 2, 1]]);
  });

  it('reads a line with bold text in a referencing section, also after plain lines', () => {
    expect(refs('## Related\n- **a-b**: x\n\nplain\n- __c__ — y\n## Usage\n- **d** — z')).toEqual([
      ['a-b', 2, 5],
      ['c', 5, 5],
    ]);
  });
});

describe('what follows a name, matched where the name ends', () => {
  it('needs whitespace before a word that ends a pointer or says what else the name is', () => {
    const text = ['## When NOT to Use', '- see `a`instead', '- see `b` instead', '- x → `c`agent', '- x → `d` agent'].join('\n');
    expect(refs(text)).toEqual([
      ['b', 3, 8],
      ['c', 4, 8],
    ]);
  });

  it('joins a bold bare name to the next one with "and" written right after it', () => {
    expect(refs('## When NOT to Use\n- __e__and `f` — x\n- **g**, **h** — x')).toEqual([
      ['e', 2, 5],
      ['f', 2, 13],
      ['g', 3, 5],
      ['h', 3, 12],
    ]);
  });
});
