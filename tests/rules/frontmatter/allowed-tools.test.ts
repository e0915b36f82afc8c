import { describe, expect, it } from 'vitest';
import { lint, skill } from './helpers.js';

describe('allowed-tools-format', () => {
  const RULE = 'allowed-tools-format';

  it('reports a malformed entry at its column in a plain value', async () => {
    const d = await lint(RULE, skill('allowed-tools: Read Bash(git diff Grep'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 4, column: 21 });
    expect(d[0]!.message).toBe('allowed-tools entry `Bash(git diff Grep` has an unclosed parenthesis');
  });

  it('reports at the right column inside a quoted value', async () => {
    const d = await lint(RULE, skill('allowed-tools: "Read, Bash()"'));
    expect(d[0]).toMatchObject({ line: 4, column: 23, endColumn: 29 });
    expect(d[0]!.hint).toContain('`Bash`');
  });

  it('reports list items at their own line', async () => {
    const d = await lint(RULE, skill('allowed-tools:\n  - Read\n  - WebFetch(https://example.com)'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 6, column: 5 });
    expect(d[0]!.hint).toContain('domain:');
  });

  it('passes the three list shapes with scoped and MCP entries', async () => {
    const scoped = 'Read, Grep, Bash(git diff:*), Bash(npx prisma *), WebFetch(domain:github.com), mcp__github__create_issue, mcp__linear__*';
    expect(await lint(RULE, skill(`allowed-tools: ${scoped}`))).toEqual([]);
    expect(await lint(RULE, skill('allowed-tools: Read Grep Bash(git diff:*)'))).toEqual([]);
    expect(await lint(RULE, skill('allowed-tools:\n  - Read\n  - Bash(npm run test:*)\n  - Agent(a:scan, b:verify)'))).toEqual([]);
    expect(await lint(RULE, skill('allowed-tools: [Read, Glob, Grep]'))).toEqual([]);
  });
});

describe('allowed-tools-known', () => {
  const RULE = 'allowed-tools-known';

  it('reports an unknown tool with a case-insensitive did-you-mean', async () => {
    const d = await lint(RULE, skill('allowed-tools: Read, grep, Bash(git *)'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 4, column: 22, message: 'allowed-tools names `grep`, which is not a Claude Code tool', hint: 'did you mean `Grep`? Tool names are case-sensitive' });
  });

  it('checks the tool of a scoped entry and typos', async () => {
    const d = await lint(RULE, skill('allowed-tools: Bsah(git *) WebFetc'));
    expect(d.map((x) => x.hint)).toEqual(['did you mean `Bash`? Tool names are case-sensitive', 'did you mean `WebFetch`? Tool names are case-sensitive']);
  });

  it('knows current tools, legacy names and MCP tools', async () => {
    const tools = 'Read Write Edit Glob Grep Bash WebFetch WebSearch Agent Task TodoWrite NotebookEdit Skill AskUserQuestion ExitPlanMode BashOutput KillShell MultiEdit LS NotebookRead SlashCommand TaskOutput TaskStop SetGoal ProposeGoal SendUserFile ReportFindings mcp__fs__read_file';
    expect(await lint(RULE, skill(`allowed-tools: ${tools}`))).toEqual([]);
  });

  it('gives a generic hint when nothing is close', async () => {
    const d = await lint(RULE, skill('allowed-tools: Teleporter'));
    expect(d[0]!.hint).toContain('mcp__<server>__<tool>');
  });
});

describe('allowed-tools-bash-unscoped', () => {
  const RULE = 'allowed-tools-bash-unscoped';

  it('warns about a bare Bash, Bash(*) and PowerShell', async () => {
    const d = await lint(RULE, skill('allowed-tools: Read, Bash, Bash(*), PowerShell'));
    expect(d.map((x) => [x.severity, x.column])).toEqual([
      ['warning', 22],
      ['warning', 28],
      ['warning', 37],
    ]);
  });

  it('passes scoped Bash', async () => {
    expect(await lint(RULE, skill('allowed-tools: Read, Bash(git diff *), Bash(npm run test:*)'))).toEqual([]);
  });
});
