/** The body scanner: fences, headings, links, file mentions and cross-skill references. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeBody } from '../../../src/skill/markdown.js';

const scan = (text: string, startLine = 1) => analyzeBody(text, startLine);
const refs = (text: string) => scan(text).references.map((r) => r.name);
const targets = (text: string) => scan(text).links.map((l) => `${l.kind}:${l.target}`);

describe('fenced code blocks', () => {
  it('reads backtick and tilde fences with their language and code', () => {
    const a = scan('intro\n```ts\nconst a = 1;\n```\n\n~~~bash\nls\n~~~\n', 5);
    expect(a.codeBlocks).toEqual([
      { lang: 'ts', info: 'ts', code: 'const a = 1;', line: 6, codeLine: 7, column: 1, unclosed: false },
      { lang: 'bash', info: 'bash', code: 'ls', line: 10, codeLine: 11, column: 1, unclosed: false },
    ]);
  });

  it('keeps the whole info string and takes the first word, lowercased, as the language', () => {
    const [a, b, c, d] = scan('```TS nocheck title="x"\n```\n```{.python .numberLines}\n```\n```rust,ignore\n```\n```\n```\n').codeBlocks;
    expect(a).toMatchObject({ lang: 'ts', info: 'TS nocheck title="x"' });
    expect(b!.lang).toBe('python');
    expect(c!.lang).toBe('rust');
    expect(d!.lang).toBe('');
  });

  it('closes only on a fence of the same character that is at least as long', () => {
    const a = scan('````md\n```ts\ninner\n```\n~~~~\n````\nafter\n');
    expect(a.codeBlocks).toHaveLength(1);
    expect(a.codeBlocks[0]!.code).toBe('```ts\ninner\n```\n~~~~');
    expect(a.codeBlocks[0]!.unclosed).toBe(false);
  });

  it('does not close on a fence line with text after it', () => {
    const a = scan('```\ncode\n``` not a close\n```\n');
    expect(a.codeBlocks[0]!.code).toBe('code\n``` not a close');
  });

  it('marks a fence that runs to the end of the file as unclosed and hides what follows', () => {
    const a = scan('# Title\n```python\nx = 1\n## Not a heading\n[not](a-link.md)\n');
    expect(a.codeBlocks).toEqual([
      { lang: 'python', info: 'python', code: 'x = 1\n## Not a heading\n[not](a-link.md)', line: 2, codeLine: 3, column: 1, unclosed: true },
    ]);
    expect(a.headings.map((h) => h.text)).toEqual(['Title']);
    expect(a.links).toEqual([]);
  });

  it('treats ``` followed by a backtick in the info string as inline code, not a fence', () => {
    expect(scan('``` `x` ```\n# Heading\n').codeBlocks).toEqual([]);
  });

  it('sees fences indented inside list items, so `# comments` in them are not headings', () => {
    const a = scan('1. Install:\n\n       ```bash\n       # a comment\n       npm i\n       ```\n## Next\n');
    expect(a.codeBlocks).toHaveLength(1);
    expect(a.codeBlocks[0]).toMatchObject({ lang: 'bash', column: 8, unclosed: false });
    expect(a.headings.map((h) => h.text)).toEqual(['Next']);
  });
});

describe('headings', () => {
  it('reads ATX headings with their level, text and file line', () => {
    const a = scan('# One\n\n## Two ##\n###Not\n    # indented code\n####### seven\n#\n', 10);
    expect(a.headings).toEqual([
      { level: 1, text: 'One', line: 10 },
      { level: 2, text: 'Two', line: 12 },
      { level: 1, text: '', line: 16 },
    ]);
  });

  it('reads setext headings, but not a thematic break after a list or a blank line', () => {
    const a = scan('Composes With\n---\n\n- item\n---\n\n---\nTitle\n=====\n');
    expect(a.headings).toEqual([
      { level: 2, text: 'Composes With', line: 1 },
      { level: 1, text: 'Title', line: 8 },
    ]);
  });

  it('counts lines without the trailing newline', () => {
    expect(scan('a\nb\n').lineCount).toBe(2);
    expect(scan('a\nb').lineCount).toBe(2);
    expect(scan('').lineCount).toBe(0);
  });
});

describe('links', () => {
  it('reads inline links and images with titles and angle brackets, at their column', () => {
    const a = scan('See [the guide](references/guide.md "Guide") and ![chart](<assets/my chart.png>).\n', 3);
    expect(a.links).toEqual([
      { target: 'references/guide.md', text: 'the guide', line: 3, column: 5, kind: 'link' },
      { target: 'assets/my chart.png', text: 'chart', line: 3, column: 50, kind: 'image' },
    ]);
  });

  it('ignores links inside code spans and fenced code', () => {
    expect(targets('Write `[x](missing.md)` or ``[y](z.md)``.\n```md\n[a](b.md)\n```\n')).toEqual([]);
  });

  it('keeps the text of a link whose text is code, and finds an image inside a link', () => {
    const a = scan('[`helper`](scripts/helper.py) and [![badge](assets/b.svg)](references/x.md)\n');
    expect(a.links.map((l) => [l.kind, l.target, l.text])).toEqual([
      ['link', 'scripts/helper.py', '`helper`'],
      ['link', 'references/x.md', '![badge](assets/b.svg)'],
      ['image', 'assets/b.svg', 'badge'],
    ]);
  });

  it('accepts balanced parentheses and backslash escapes in targets, not escaped brackets', () => {
    expect(targets('[w](https://en.wikipedia.org/wiki/A_(b)) [e](references/a\\_b.md) \\[no](x.md)\n')).toEqual([
      'link:https://en.wikipedia.org/wiki/A_(b)',
      'link:references/a_b.md',
    ]);
  });

  it('reads reference definitions but not footnotes', () => {
    const a = scan('[guide]: references/guide.md "Guide"\n[^1]: Some footnote text\n  [logo]: <assets/logo 1.png>\n');
    expect(a.links.map((l) => [l.target, l.text, l.line, l.column])).toEqual([
      ['references/guide.md', 'guide', 1, 1],
      ['assets/logo 1.png', 'logo', 3, 3],
    ]);
  });

  it('reads <a href> and <img src>', () => {
    expect(targets('<img src="assets/a.png" alt="x"> <a class="b" href=\'references/r.md\'>r</a>\n')).toEqual([
      'image:assets/a.png',
      'link:references/r.md',
    ]);
  });

  it('reads links in headings and table cells', () => {
    expect(targets('## See [setup](references/setup.md)\n| a | [b](references/b.md) |\n')).toEqual(['link:references/setup.md', 'link:references/b.md']);
  });

  it('skips empty targets', () => {
    expect(targets('[x]() [y]( )\n')).toEqual([]);
  });

  it('records inline code that is a path of the skill as a `path` mention', () => {
    const a = scan('Read `references/forms.md`, run `scripts/check.py`, not `src/app.ts`, `references/*.md` or `python scripts/x.py`.\n');
    expect(a.links.map((l) => [l.kind, l.target, l.column])).toEqual([
      ['path', 'references/forms.md', 7],
      ['path', 'scripts/check.py', 34],
    ]);
  });
});

describe('cross-skill references', () => {
  it('takes names that open list items in "Composes With" and "When NOT to Use", at their column', () => {
    const a = scan(
      [
        '## When NOT to Use',
        '- A quick mutation → `react-server-actions`',
        '- `nextjs-data` — reading data',
        '',
        '## Composes With',
        '- `api-routes` — the serve() handler',
        '- `prisma`, `deploy`: database and keys',
        '1. `auth` (sessions)',
      ].join('\n'),
      20,
    );
    expect(a.references).toEqual([
      { name: 'react-server-actions', line: 21, column: 23, section: 'When NOT to Use' },
      { name: 'nextjs-data', line: 22, column: 4, section: 'When NOT to Use' },
      { name: 'api-routes', line: 25, column: 4, section: 'Composes With' },
      { name: 'prisma', line: 26, column: 4, section: 'Composes With' },
      { name: 'deploy', line: 26, column: 14, section: 'Composes With' },
      { name: 'auth', line: 27, column: 5, section: 'Composes With' },
    ]);
  });

  it('does not take backticked code words in prose, tables or other sections', () => {
    const text = [
      '## Common Mistakes',
      '- Missing `aria-label` on icon-only buttons',
      '- `where` clause without an index',
      '| Prop | Use |',
      '| `aria-label` | names the button |',
      'Use `fetch` with `cache`.',
      '## Pattern',
      '- `use-debounce` — a package we use',
    ].join('\n');
    expect(refs(text)).toEqual([]);
  });

  it('does not take code words in a referencing section unless they are in pointer position', () => {
    const text = [
      '## When NOT to Use',
      '- Missing `aria-label` on icon-only buttons',
      '- A `where` clause on an unindexed column',
      '- `useEffect` for data fetching — use a Server Component',
      '- `where` clause filtering',
      '- Full site audit → use `a11y-auditor` agent instead',
      '- Raw queries → `sql` tag with parameters',
      '- Simple caching — use `fetch` with cache options',
    ].join('\n');
    expect(refs(text)).toEqual([]);
  });

  it('takes names after an arrow unless a noun says what else they are', () => {
    const text = ['## When NOT to Use', '- Periodic refresh → `caching` with revalidation', '- Audits → use the `perf-profiler` agent', '- Chain: `a-b` → `c-d` → `e-f`'].join('\n');
    expect(refs(text)).toEqual(['caching', 'c-d', 'e-f']);
  });

  it('takes "use `x`" in a referencing section only when the pointer ends with the name', () => {
    const text = ['## When NOT to Use', '- Basic hover states — use `animation`', '- Tooltips — see `shadcn` instead', '- Data — use `swr` for fetching on the client side', '- Fetching — use `fetch` hooks'].join('\n');
    expect(refs(text)).toEqual(['animation', 'shadcn', 'swr']);
  });

  it('takes "the `x` skill" anywhere, not "skills" or "skill-creator"', () => {
    const text = ['Extends the `logging` skill with tracing.', 'Needs `python` skills.', 'Run `init` skill-creator style.', 'The **`page-template`** skill.'].join('\n');
    expect(refs(text)).toEqual(['logging', 'page-template']);
  });

  it('does not take "a `x` skill": an example of a skill, not a pointer to one', () => {
    const text = [
      'Example: when building a `pdf-editor` skill, list its scripts.',
      'An `api-client` skill would hold the schema; create a new `big-query` skill for it.',
      'Then load the `jobs` skill, or any `other` skill.',
    ].join('\n');
    expect(refs(text)).toEqual(['jobs']);
  });

  it('does not take a skill named as history', () => {
    expect(refs('This skill replaces the CLI-based `mlflow-query` skill.\nIt was formerly the `old-jobs` skill; see the `jobs` skill.\n')).toEqual(['jobs']);
  });

  it('keeps a plugin namespace', () => {
    expect(refs('Use the `superpowers:test-driven-development` skill first.\n## Related Skills\n- `itp:semantic-release` - releases\n')).toEqual([
      'superpowers:test-driven-development',
      'itp:semantic-release',
    ]);
  });

  it('takes bold and linked names that open list items in "Related Skills", not external doc links', () => {
    const text = [
      '## Related Skills',
      '- **seo-audit**: use for audits',
      '- **`scope`** — blast radius first',
      '- [cloud-security](../cloud-security/SKILL.md) — posture',
      '- **[gdpr-expert](../gdpr-expert/SKILL.md)** — privacy',
      '- [zod](https://zod.dev) — validation library',
      '- **Simple cases**: nothing',
      '- **input** handling is separate',
      '- **npm**: [protect-mcp](https://www.npmjs.com/package/protect-mcp)',
      '- `docs` — https://example.com/docs',
      '- **audit**: see [the guide](https://example.com) first',
    ].join('\n');
    expect(refs(text)).toEqual(['seo-audit', 'scope', 'cloud-security', 'gdpr-expert', 'audit']);
  });

  it('takes table cells that hold only a name in a referencing section', () => {
    const text = [
      '## Related Skills',
      '| Skill | Why |',
      '|---|---|',
      '| `cloud-security` | posture |',
      '| **playwright-pro** | browser tests |',
      '| [red-team](../red-team/SKILL.md) | attack paths |',
      '| Use `grep` here | `a|b` |',
    ].join('\n');
    expect(refs(text)).toEqual(['cloud-security', 'playwright-pro', 'red-team']);
  });

  it('knows which headings are referencing sections', () => {
    const item = '\n- `x-skill` — for y\n';
    for (const h of [
      'Composes With',
      '🔗 Composes with',
      'When NOT to Use',
      'Related Skills',
      'Related',
      '5. See also',
      'Alternatives',
      'Works well with',
      'Not for',
      'Do NOT use this skill when',
      "Don't use for",
      'Do not use',
      'Don’t use it if:',
    ]) {
      expect(refs(`## ${h}${item}`), h).toEqual(['x-skill']);
    }
    for (const h of [
      'Prerequisites',
      'Related Commands',
      'Related Documentation',
      'Copy Alternatives',
      'Pattern',
      'Checklist',
      'Do not use the following data types',
      "Don't Use `#[deny(warnings)]`",
      'Anti-Patterns (DO NOT USE)',
      'Do NOT Use This Style For:',
    ]) {
      expect(refs(`## ${h}${item}`), h).toEqual([]);
    }
  });

  it('keeps a referencing section open for its subsections and closes it at the next sibling', () => {
    const text = ['## Composes With', '### Data', '- `prisma` — queries', '## Pattern', '- `prisma` — not a reference here'].join('\n');
    expect(scan(text).references.map((r) => [r.name, r.line, r.section])).toEqual([['prisma', 3, 'Data']]);
  });

  it('rejects names that are not skill names', () => {
    const text = ['## Composes With', '- `React` — UI', '- `next/image` — images', '- `a--b` — bad', `- \`${'a'.repeat(65)}\` — too long`].join('\n');
    expect(refs(text)).toEqual([]);
  });

  it('reports a name once per line', () => {
    expect(refs('## Composes With\n- `prisma` → `prisma` — and the `prisma` skill\n')).toEqual(['prisma']);
  });

  it('ignores names inside fenced code', () => {
    expect(refs('## Composes With\n```md\n- `prisma` — x\n```\n')).toEqual([]);
  });
});

describe('hostile and random input', () => {
  it('never throws and keeps every position inside the body', () => {
    const pieces = ['```', '~~~', '`', '``', '#', '## Composes With', '## When NOT to Use', '- ', '|', '→ ', '[', ']', '(', ')', '![', '<a href="', '<img src=', '**', '\\', ' ', '\n', '---', 'x-y', 'references/a.md', ':', '"', '→ use `a`'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 80 }), fc.integer({ min: 1, max: 50 }), (parts, start) => {
        const text = parts.join('');
        const a = analyzeBody(text, start);
        const last = start + Math.max(a.lineCount, 1) - 1;
        for (const item of [...a.headings, ...a.codeBlocks, ...a.links, ...a.references]) {
          expect(item.line).toBeGreaterThanOrEqual(start);
          expect(item.line).toBeLessThanOrEqual(last);
        }
        for (const r of a.references) expect(r.name).toMatch(/^(?:[a-z0-9][a-z0-9-]*:)?[a-z0-9]+(?:-[a-z0-9]+)*$/);
        for (const l of a.links) expect(l.target).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on long hostile lines', () => {
    // Unmatched backtick runs of every length, unclosed brackets and tags: each once quadratic.
    const lines = [
      Array.from({ length: 1400 }, (_, i) => '`'.repeat(i + 1) + ' x ').join(''),
      '[a'.repeat(200_000) + '](x)',
      '<a '.repeat(200_000),
      `## Composes With\n${'→ `a`, '.repeat(100_000)}`,
    ];
    for (const line of lines) {
      const a = analyzeBody(line, 1);
      expect(a.lineCount).toBeGreaterThan(0);
    }
  });
});

describe('HTML comments', () => {
  it('skip a comment block: nothing in it is a heading, a link, a file mention or a skill reference', () => {
    const text = [
      '<!--',
      'See [old](references/old.md) and the `old-skill` skill.',
      '## Related Skills',
      '- `ghost-skill`',
      '-->',
      '# Real',
      'See [new](references/new.md).',
      '<!-- one line: [gone](gone.md) --> [also raw HTML](raw.md)',
      '   <!-- indented up to three spaces -->',
      '',
    ].join('\n');
    const a = scan(text, 10);
    expect(a.headings.map((h) => [h.text, h.line])).toEqual([['Real', 15]]);
    expect(a.links.map((l) => [l.target, l.line])).toEqual([['references/new.md', 16]]);
    expect(a.references).toEqual([]);
    expect(a.lineCount).toBe(scan(text.replace(/[^\n]/g, 'x')).lineCount);
  });

  it('run an unclosed comment block to the end of the text', () => {
    const a = scan('intro\n<!-- draft\n[a](a.md)\n# Heading\n');
    expect(a.links).toEqual([]);
    expect(a.headings).toEqual([]);
    expect(a.lineCount).toBe(4);
  });

  it('blank a comment inside a line, but not `<!--` in a code span', () => {
    expect(targets('See [a](a.md) <!-- [b](b.md) --> and [c](c.md).')).toEqual(['link:a.md', 'link:c.md']);
    expect(targets('Wrap it in `<!-- x -->` to hide it; see [y](y.md).')).toEqual(['link:y.md']);
    expect(targets('Type `<!--` then [z](z.md) <!-- [open](open.md)')).toEqual(['link:z.md']);
    expect(refs('## See also\n- `real-skill` <!-- - `ghost-skill` -->\n')).toEqual(['real-skill']);
  });

  it('blank every comment of a line with many comments and code spans between them', () => {
    const line = 'a ' + '<!-- [no](no.md) --> `<!-- code -->` [y](y.md) '.repeat(500) + '<!-- open [no](no.md)';
    expect(new Set(targets(line))).toEqual(new Set(['link:y.md']));
    expect(targets(line)).toHaveLength(500);
  });

  it('leave a `<` that starts no comment alone', () => {
    expect(targets('<a href="page.md">page</a> and <!x> [d](d.md)')).toEqual(['link:d.md', 'link:page.md']);
  });
});
