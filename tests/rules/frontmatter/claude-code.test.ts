import { describe, expect, it } from 'vitest';
import { isValidModel } from '../../../src/lint/rules/model-value.js';
import { usesArguments } from '../../../src/lint/rules/argument-hint-arguments.js';
import { lint, lintAll, skill } from './helpers.js';

describe('model-value', () => {
  const RULE = 'model-value';

  it('reports a non-Claude model with a did-you-mean for typos', async () => {
    const d = await lint(RULE, skill('model: sonet'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 4, column: 8, message: '`model` "sonet" is not a Claude model alias or model ID', hint: 'did you mean `model: sonnet`?' });
    expect((await lint(RULE, skill('model: gpt-4o')))[0]!.hint).toContain('claude-sonnet');
  });

  it('passes aliases, inherit and full IDs', async () => {
    expect(await lint(RULE, skill('model: Opus'))).toEqual([]);
    for (const m of ['haiku', 'inherit', 'sonnet[1m]', 'opusplan', 'claude-sonnet-4-5', 'claude-3-5-haiku-20241022', 'us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-opus-4@20250514']) {
      expect(isValidModel(m)).toBe(true);
    }
    for (const m of ['gpt-4o', 'default', 'gemini-2.5-pro', '']) expect(isValidModel(m)).toBe(false);
  });
});

describe('context-value', () => {
  const RULE = 'context-value';

  it('reports anything but fork/inline', async () => {
    const d = await lint(RULE, skill('context: forked'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', message: '`context` "forked" is not `fork` or `inline`: Claude Code runs the skill inline', hint: 'did you mean `context: fork`?' });
    expect(await lint(RULE, skill('context: Fork'))).toHaveLength(1);
  });

  it('passes fork and inline', async () => {
    expect(await lint(RULE, skill('context: fork'))).toEqual([]);
    expect(await lint(RULE, skill('context: inline'))).toEqual([]);
  });
});

describe('agent-value', () => {
  const RULE = 'agent-value';

  it('warns that agent does nothing without context: fork', async () => {
    const d = await lint(RULE, skill('agent: Explore'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 4, column: 1, message: '`agent: Explore` has no effect without `context: fork`' });
  });

  it('warns about an empty agent', async () => {
    expect((await lint(RULE, skill('agent: ""\ncontext: fork')))[0]!.message).toBe('`agent` is empty');
  });

  it('passes agent with context: fork', async () => {
    expect(await lint(RULE, skill('context: fork\nagent: Explore'))).toEqual([]);
  });
});

describe('background-fork', () => {
  const RULE = 'background-fork';

  it('warns that background does nothing without context: fork', async () => {
    const d = await lint(RULE, skill('background: false'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 4, column: 1, message: '`background` has no effect without `context: fork`' });
  });

  it('passes background with context: fork, as a known boolean field', async () => {
    const all = await lintAll(skill('context: fork\nagent: general-purpose\nbackground: true'));
    expect(all).toEqual([]);
    const typed = await lintAll(skill('context: fork\nbackground: sometimes'));
    expect(typed.map((d) => d.ruleId)).toContain('frontmatter-types');
  });
});

describe('effort-value', () => {
  const RULE = 'effort-value';

  it('reports unknown levels with a suggestion', async () => {
    const d = await lint(RULE, skill('effort: hihg'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', hint: 'did you mean `effort: high`?' });
  });

  it('passes levels (any case), med and integers', async () => {
    for (const v of ['low', 'Medium', 'med', 'high', 'xhigh', 'max', '"8"', '4']) {
      expect(await lint(RULE, skill(`effort: ${v}`))).toEqual([]);
    }
  });
});

describe('shell-value', () => {
  const RULE = 'shell-value';

  it('reports other shells, saying Claude Code falls back to bash', async () => {
    const d = await lint(RULE, skill('shell: pwsh'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', message: '`shell` "pwsh" is not bash or powershell: Claude Code falls back to bash', hint: 'write `shell: powershell`' });
    expect((await lint(RULE, skill('shell: zsh')))[0]!.hint).toBe('write `shell: bash`');
  });

  it('passes bash and powershell in any case', async () => {
    expect(await lint(RULE, skill('shell: bash'))).toEqual([]);
    expect(await lint(RULE, skill('shell: PowerShell'))).toEqual([]);
  });
});

describe('boolean-as-string', () => {
  const RULE = 'boolean-as-string';

  it('warns about quoted "true"/"false"', async () => {
    const d = await lint(RULE, skill('disable-model-invocation: "true"\nuser-invocable: \'false\''));
    expect(d).toHaveLength(2);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 4, column: 27, message: '`disable-model-invocation` is the string "true", not a boolean', hint: 'remove the quotes: `disable-model-invocation: true`' });
  });

  it('passes real booleans', async () => {
    expect(await lint(RULE, skill('disable-model-invocation: true\nuser-invocable: false'))).toEqual([]);
  });
});

describe('argument-hint-arguments', () => {
  const RULE = 'argument-hint-arguments';

  it('warns when the body never uses the arguments', async () => {
    const d = await lint(RULE, skill('argument-hint: "[file]"', { body: '# Review\n\nReview the file.\n' }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 4, column: 1 });
  });

  it.each(['Review $ARGUMENTS now.', 'Use $ARGUMENTS[0].', 'First: $0, second: $1.', 'Compare $base with $head.'])('passes a body that uses them: %s', async (body) => {
    expect(await lint(RULE, skill('argument-hint: "[base] [head]"\narguments: [base, head]', { body }))).toEqual([]);
  });

  it('leaves a mapping to the type rule instead of crashing on it', async () => {
    // A null-prototype mapping has no toString: String() on it threw, and the rule became an internal-error.
    for (const value of ['{file: x}', '[{file: x}]']) {
      const all = await lintAll(skill(`argument-hint: ${value}`, { body: '# Review\n\nReview it.\n' }));
      expect(all.filter((d) => d.ruleId === 'internal-error'), value).toEqual([]);
      expect(all.filter((d) => d.ruleId === 'frontmatter-types').length, value).toBeGreaterThan(0);
    }
  });

  it('does not count undeclared $words or $ in prices', () => {
    expect(usesArguments('Costs $ 5 and uses $HOME', [])).toBe(false);
    expect(usesArguments('uses $file', ['file'])).toBe(true);
    expect(usesArguments('uses $filename', ['file'])).toBe(false);
  });

  it('is silent without argument-hint', async () => {
    expect(await lint(RULE, skill(''))).toEqual([]);
  });
});

describe('skill-unreachable', () => {
  const RULE = 'skill-unreachable';

  it('warns when both users and the model are locked out', async () => {
    const d = await lint(RULE, skill('user-invocable: false\ndisable-model-invocation: true'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 4, column: 1 });
    expect(d[0]!.message).toContain('(line 5)');
  });

  it('passes either setting alone', async () => {
    expect(await lint(RULE, skill('user-invocable: false'))).toEqual([]);
    expect(await lint(RULE, skill('disable-model-invocation: true'))).toEqual([]);
    expect(await lint(RULE, skill('user-invocable: true\ndisable-model-invocation: true'))).toEqual([]);
  });
});
