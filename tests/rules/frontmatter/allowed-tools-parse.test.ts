import { describe, expect, it } from 'vitest';
import { parseToolEntry, tokenizeToolList } from '../../../src/lint/rules/allowed-tools-parse.js';

const texts = (s: string) => tokenizeToolList(s).map((t) => t.text);

describe('tokenizeToolList', () => {
  it('splits space-separated, comma-separated and mixed lists', () => {
    expect(texts('Read Grep Glob')).toEqual(['Read', 'Grep', 'Glob']);
    expect(texts('Read, Grep,Glob')).toEqual(['Read', 'Grep', 'Glob']);
    expect(texts('  Read ,  Write\tEdit  ')).toEqual(['Read', 'Write', 'Edit']);
  });

  it('keeps spaces, commas and colons inside parentheses', () => {
    expect(texts('Bash(git diff:*), Bash(npx prisma *) Read')).toEqual(['Bash(git diff:*)', 'Bash(npx prisma *)', 'Read']);
    expect(texts('Agent(a:scan, b:verify) Bash(find . -name "x y")')).toEqual(['Agent(a:scan, b:verify)', 'Bash(find . -name "x y")']);
  });

  it('handles nested and escaped parentheses', () => {
    expect(texts('Bash(echo $(date)) Read')).toEqual(['Bash(echo $(date))', 'Read']);
    expect(texts('Bash(echo \\( x) Read')).toEqual(['Bash(echo \\( x)', 'Read']);
  });

  it('keeps an unclosed parenthesis in one token instead of throwing', () => {
    expect(texts('Bash(git diff Read')).toEqual(['Bash(git diff Read']);
    expect(texts('Bash) Read')).toEqual(['Bash)', 'Read']);
  });

  it('reports offsets into the source string', () => {
    const [a, b] = tokenizeToolList('Read,  Bash(git *)');
    expect(a).toEqual({ text: 'Read', start: 0, end: 4 });
    expect(b).toEqual({ text: 'Bash(git *)', start: 7, end: 18 });
  });

  it('returns nothing for an empty or blank list', () => {
    expect(texts('')).toEqual([]);
    expect(texts(' , ,')).toEqual([]);
  });
});

describe('parseToolEntry', () => {
  it('classifies tools, scoped tools, MCP tools and *', () => {
    expect(parseToolEntry('Read')).toEqual({ kind: 'tool', name: 'Read' });
    expect(parseToolEntry('Bash(git diff:*)')).toEqual({ kind: 'scoped', name: 'Bash', spec: 'git diff:*' });
    expect(parseToolEntry('mcp__github__create_issue')).toEqual({ kind: 'mcp', server: 'github', tool: 'create_issue' });
    expect(parseToolEntry('mcp__github')).toEqual({ kind: 'mcp', server: 'github' });
    expect(parseToolEntry('mcp__github__*')).toEqual({ kind: 'mcp', server: 'github', tool: '*' });
    expect(parseToolEntry('*')).toEqual({ kind: 'all' });
  });

  it.each([
    ['Bash(git diff', 'unclosed'],
    ['Bash)', 'without a matching'],
    ['Bash()', 'empty parentheses'],
    ['(git)', 'without a tool name'],
    ['Bash(git)x', 'after the closing'],
    ['Read;', 'not a tool name'],
    ['mcp__github__x(y)', 'MCP tools take no pattern'],
    ['mcp__', 'server name'],
    ['Bash(:*)', 'nothing before'],
    ['Bash(npm:* test)', 'only allowed at the end'],
    ['Read(src:*)', 'only works in Bash'],
    ['WebFetch(https://example.com)', 'domains, not URLs'],
    ['WebFetch(example.com)', 'must start with `domain:`'],
    ['WebSearch(react*)', 'no wildcards'],
  ])('reports %s as malformed', (text, reason) => {
    const entry = parseToolEntry(text);
    expect(entry.kind).toBe('malformed');
    if (entry.kind === 'malformed') expect(entry.reason).toContain(reason);
  });

  it('accepts well-formed scoped patterns', () => {
    for (const ok of ['WebFetch(domain:github.com)', 'Read(src/**)', 'Bash(npm run test:*)', 'Skill(review)', 'WebSearch(claude ai)']) {
      expect(parseToolEntry(ok).kind).toBe('scoped');
    }
  });
});
