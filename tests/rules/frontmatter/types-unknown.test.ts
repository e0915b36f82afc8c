import { describe, expect, it } from 'vitest';
import { lint, skill } from './helpers.js';

describe('frontmatter-types', () => {
  const RULE = 'frontmatter-types';

  it('passes every known field with the right type', async () => {
    const text = skill(
      [
        'license: MIT',
        'compatibility: Requires git',
        'metadata:\n  author: me',
        'allowed-tools: Read Grep',
        'model: sonnet',
        'disable-model-invocation: false',
        'user-invocable: true',
        'argument-hint: "[file]"',
        'arguments: [file]',
        'context: fork',
        'agent: Explore',
        'effort: 3',
        'shell: bash',
        'hooks:\n  PreToolUse: []',
        'version: "1.0"',
        'when_to_use: Use for SQL',
        'paths:\n  - "**/*.sql"',
        'disallowed-tools: WebFetch',
      ].join('\n'),
      { body: '# x\n\nUse $ARGUMENTS.\n' },
    );
    expect(await lint(RULE, text)).toEqual([]);
  });

  it('reports a number where a string belongs, showing the lossy reading', async () => {
    const d = await lint(RULE, skill('version: 1.10'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 4, column: 10 });
    expect(d[0]!.message).toBe('`version` is the number 1.1 (written `1.10`, read as 1.1), not a string');
    expect(d[0]!.hint).toBe('quote it: `version: "1.10"`');
  });

  it('reports a list where a string belongs', async () => {
    const d = await lint(RULE, skill('description:\n  - Formats SQL.\n  - Use when asked to.'));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('`description` is a list');
  });

  it('explains brackets that made YAML read a list, and quotes the value', async () => {
    const d = await lint(RULE, skill('argument-hint: [file] ', { body: 'Use $ARGUMENTS.' }));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe('`argument-hint` is a list (YAML reads `[file]` as one); it must be a string');
    expect(d[0]!.hint).toBe('quote it: `argument-hint: "[file]"`');
  });

  it('reports a non-boolean in a boolean field, saying what Claude Code does', async () => {
    const d = await lint(RULE, skill('user-invocable: yes'));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('the string "yes", not true or false');
    expect(d[0]!.message).toContain('hides the skill');
  });

  it('leaves the exact strings "true"/"false" to boolean-as-string', async () => {
    expect(await lint(RULE, skill('user-invocable: "false"'))).toEqual([]);
  });

  it('reports metadata that is not a mapping', async () => {
    const d = await lint(RULE, skill('metadata: author=me'));
    expect(d[0]!.message).toContain('`metadata` is the string "author=me"; it must be a mapping');
  });

  it('reports a non-string list item at the item', async () => {
    const d = await lint(RULE, skill('allowed-tools:\n  - Read\n  - 42'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 6, column: 5 });
    expect(d[0]!.message).toContain('item 2 is the number 42');
  });

  it('reports a fractional effort', async () => {
    expect(await lint(RULE, skill('effort: 1.5'))).toHaveLength(1);
  });

  it('treats an empty value as unset', async () => {
    expect(await lint(RULE, skill('license:\nmodel:'))).toEqual([]);
  });
});

describe('frontmatter-unknown-field', () => {
  const RULE = 'frontmatter-unknown-field';

  it.each([
    ['allowed_tools: Read', 'allowed-tools'],
    ['allowedTools: Read', 'allowed-tools'],
    ['tools: Read, Grep', 'allowed-tools'],
    ['desciption: x', 'description'],
    ['user-invokable: true', 'user-invocable'],
    ['disableModelInvocation: true', 'disable-model-invocation'],
  ])('suggests the known field for %s', async (line, guess) => {
    const d = await lint(RULE, skill(line, { description: false }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 3, column: 1 });
    expect(d[0]!.hint).toBe(`did you mean \`${guess}\`?`);
  });

  it('says so when the suggested field is already set', async () => {
    const d = await lint(RULE, skill('Name: other'));
    expect(d[0]!.hint).toBe('`name` is already set; remove `Name` or merge it into `name`');
  });

  it('names the documented field for a spelling Claude Code reads but does not document', async () => {
    const d = await lint(RULE, skill('disallowedTools: Bash'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 4, column: 1 });
    expect(d[0]!.message).toBe('`disallowedTools` is an undocumented spelling of `disallowed-tools`');
    expect(d[0]!.hint).toBe('Claude Code reads it, but documents only `disallowed-tools`; rename it');
    const both = await lint(RULE, skill('disallowed-tools: Bash\ndisallowedTools: WebFetch'));
    expect(both.map((x) => x.hint)).toEqual(['`disallowed-tools` is already set; remove `disallowedTools` or merge it into `disallowed-tools`']);
  });

  it('does not offer a field whose shape the value does not have', async () => {
    // A list of platforms is not a misspelt `agent` (one subagent type)...
    const list = await lint(RULE, skill('agents:\n  - claude-code\n  - codex'));
    expect(list[0]!.hint).toBe('clients ignore unknown fields; fix the name or move custom data under `metadata:`');
    // ...but one subagent type is.
    expect((await lint(RULE, skill('agents: Explore')))[0]!.hint).toBe('did you mean `agent`?');
  });

  it('reads `args` holding a usage line as a misplaced `argument-hint`, not as argument names', async () => {
    // Claude Code splits `arguments` on spaces into names for $name: `[--fix]` would be one.
    for (const line of ['args: "[target] [--criteria <file>]"', 'args: <project-path>', 'args: --check-only', 'args: start|stop']) {
      const d = await lint(RULE, skill(line));
      expect(d).toHaveLength(1);
      expect(d[0]!.hint).toBe('did you mean `argument-hint`?');
    }
    const both = await lint(RULE, skill('args: "[scope-path]"\nargument-hint: "[scope-path]"'));
    expect(both.map((x) => x.hint)).toEqual(['`argument-hint` is already set; remove `args` or merge it into `argument-hint`']);
    // Names are still names.
    expect((await lint(RULE, skill('args: issue branch')))[0]!.hint).toBe('did you mean `arguments`?');
    expect((await lint(RULE, skill('args:\n  - issue\n  - branch')))[0]!.hint).toBe('did you mean `arguments`?');
  });

  it('points metadata-like fields into metadata', async () => {
    const d = await lint(RULE, skill('author: me'));
    expect(d[0]!.message).toBe('unknown frontmatter field `author`');
    expect(d[0]!.hint).toContain('metadata');
  });

  it('knows the spec fields and Claude Code extras', async () => {
    const text = skill('license: MIT\ncompatibility: git\nmetadata:\n  a: b\nmodel: opus\nhooks: {}\nversion: "1"\nwhen_to_use: x\npaths: "*.sql"\nagent: Plan\ncontext: fork');
    expect(await lint(RULE, text)).toEqual([]);
  });
});
