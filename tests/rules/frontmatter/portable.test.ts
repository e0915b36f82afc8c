import { describe, expect, it } from 'vitest';
import { lint, lintAll, skill } from './helpers.js';

describe('frontmatter-portable', () => {
  const RULE = 'frontmatter-portable';

  it('reports an unquoted ": " that only Claude Code tolerates, with the fix', async () => {
    const d = await lint(RULE, skill('', { description: 'Formats SQL. Use when: the user asks for it' }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(d[0]!.message).toContain('description');
    expect(d[0]!.hint).toMatch(/quote|>/);
  });

  it('does not also report the unquoted ": " as missing name/description', async () => {
    const all = await lintAll(skill('', { description: 'Formats SQL. Use when: the user asks for it' }));
    expect(all.map((d) => d.ruleId).filter((id) => id.startsWith('name-') || id.startsWith('description-'))).toEqual([]);
  });

  it('passes quoted and folded values containing ": "', async () => {
    expect(await lint(RULE, skill('', { description: '"Formats SQL. Use when: the user asks for it"' }))).toEqual([]);
    expect(await lint(RULE, skill('', { description: '>\n  Formats SQL. Use when: the user asks for it' }))).toEqual([]);
  });

  it('reports a tab PyYAML rejects, at its column', async () => {
    const d = await lint(RULE, skill('license:\tMIT'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 4, column: 9 });
    expect(d[0]!.message).toContain('PyYAML');
    expect(d[0]!.hint).toContain('spaces');
  });

  it('reports a tab before a comment and inside a plain value', async () => {
    const d = await lint(RULE, skill('license: MIT\t# the licence\ncompatibility: git\tand bash'));
    expect(d.map((x) => [x.line, x.column])).toEqual([
      [4, 13],
      [5, 19],
    ]);
  });

  it('accepts tabs inside quotes, block scalars and comments', async () => {
    const text = skill('license: "a\tb"\ncompatibility: |\n  needs\ta shell\nmetadata:\n  author: me # a\tcomment');
    expect(await lint(RULE, text)).toEqual([]);
  });

  it('reports a bare = that PyYAML cannot load', async () => {
    const d = await lint(RULE, skill('metadata:\n  op: ='));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 5, column: 7, hint: 'quote it: `op: "="`' });
  });

  it('reports a YAML tag js-yaml and PyYAML do not know, wherever it sits, and no standard tag', async () => {
    const d = await lint(RULE, skill('metadata:\n  run: !!js/function "f"\n  ok: !!str 12\n  list: [!foo a, b]'));
    expect(d.map((x) => [x.line, x.column, x.message.split(',')[0]])).toEqual([
      [5, 8, '`metadata.run` has the YAML tag `!!js/function`'],
      [7, 10, '`metadata.list[0]` has the YAML tag `!foo`'],
    ]);
    expect(d[0]!.hint).toBe('remove the tag; quote the value if it starts with `!`');
    expect(await lint(RULE, skill('', { description: 'Formats notes! Use when asked!' }))).toEqual([]);
  });

  it('is silent for a clean frontmatter', async () => {
    expect(await lint(RULE, skill('license: MIT\nmetadata:\n  version: "1.0"\n  op: "="'))).toEqual([]);
  });
});

describe('frontmatter-implicit-types', () => {
  const RULE = 'frontmatter-implicit-types';

  it.each([
    ['yes', 'boolean true'],
    ['Off', 'boolean false'],
    ['n', 'yaml.v2'],
    ['2024-01-01', 'a date'],
    ['2024-01-01T10:00:00Z', 'a date'],
    ['1_000', 'a number'],
    ['1:30', 'base-60'],
    ['0b101', 'binary'],
  ])('warns about unquoted %s that YAML 1.1 reads differently', async (raw, what) => {
    const d = await lint(RULE, skill(`metadata:\n  value: ${raw}`));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 5, column: 10 });
    expect(d[0]!.message).toContain(`metadata.value: ${raw}`);
    expect(d[0]!.message).toContain(what);
    expect(d[0]!.hint).toBe(`quote it: \`value: "${raw}"\``);
  });

  it('reports top-level string fields and list items too', async () => {
    const d = await lint(RULE, skill('license: no\nallowed-tools:\n  - Read\n  - on'));
    expect(d.map((x) => x.message.split(':')[0])).toEqual(['`license', '`allowed-tools[1]']);
    expect(d[1]).toMatchObject({ line: 7, column: 5, hint: 'quote it: `- "on"`' });
  });

  it('leaves quoted values, prose and real booleans alone', async () => {
    const text = skill('license: "no"\nmetadata:\n  updated: "2024-01-01"\n  flag: "yes"\n  note: no way\n  time: 10:30 am\ndisable-model-invocation: true');
    expect(await lint(RULE, text)).toEqual([]);
  });

  it('leaves yes/no in boolean fields to frontmatter-types', async () => {
    const text = skill('user-invocable: yes');
    expect(await lint(RULE, text)).toEqual([]);
    expect(await lint('frontmatter-types', text)).toHaveLength(1);
  });

  it('does not look inside block scalars', async () => {
    expect(await lint(RULE, skill('', { description: '|\n  Formats SQL. Use when asked.\n  yes: no\n  2024-01-01' }))).toEqual([]);
  });
});
