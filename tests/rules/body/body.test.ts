/** body-length, body-tokens, body-empty, code-fence-language, code-fence-unclosed through the real pipeline. */
import { describe, expect, it } from 'vitest';
import { lintSkill, only, skillMd } from '../../helpers/skill-tree.js';

const md = (body: string) => skillMd('my-skill', { body });

describe('body-length', () => {
  it('passes at exactly 500 lines', async () => {
    // 5 lines of frontmatter + blank, then 495 body lines.
    const text = md(Array.from({ length: 495 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(text.split('\n').length - 1).toBe(500);
    expect(only(await lintSkill(text), 'body-length')).toEqual([]);
  });

  it('warns at 501 lines, pointing at the first line over', async () => {
    const text = md(Array.from({ length: 496 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(only(await lintSkill(text), 'body-length').map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 501, 'SKILL.md has 501 lines, over the recommended 500'],
    ]);
  });
});

describe('body-tokens', () => {
  // The body is everything after the closing `---` (file line 5 on), including the blank line 5.
  it('passes at 20,000 characters (5,000 estimated tokens)', async () => {
    const text = md(`${'x'.repeat(99)}\n`.repeat(200).slice(1));
    expect(text.length - text.indexOf('\n---\n') - '\n---\n'.length).toBe(20_000);
    expect(only(await lintSkill(text), 'body-tokens')).toEqual([]);
  });

  it('warns above, at the line where the budget runs out', async () => {
    const text = md(`${'x'.repeat(99)}\n`.repeat(201));
    const [d, ...rest] = only(await lintSkill(text), 'body-tokens');
    expect(rest).toEqual([]);
    // Line 5 holds 1 character and each x-line 100: the 20,000th character is passed on the 200th x-line, file line 205.
    expect(d).toMatchObject({ severity: 'warning', line: 205, message: 'the body is about 5026 tokens (20101 characters / 4), over the recommended 5000' });
  });
});

describe('body-empty', () => {
  it('passes with instructions, or with only a code block', async () => {
    expect(only(await lintSkill(md('# T\n\nDo this.\n')), 'body-empty')).toEqual([]);
    expect(only(await lintSkill(md('```bash\nnpm test\n```\n')), 'body-empty')).toEqual([]);
  });

  it('warns when nothing follows the frontmatter, or only headings', async () => {
    const empty = only(await lintSkill('---\nname: my-skill\ndescription: Does things. Use when testing.\n---\n\n\n'), 'body-empty');
    expect(empty.map((d) => [d.severity, d.line, d.message])).toEqual([['warning', 4, 'SKILL.md has no body after the frontmatter']]);
    const headings = only(await lintSkill(md('# Title\n\n## Usage\n\nSetext\n---\n')), 'body-empty');
    expect(headings.map((d) => d.message)).toEqual(['SKILL.md has headings but no instructions']);
  });

  it('stays quiet when the frontmatter is unclosed (frontmatter-present reports it)', async () => {
    const result = await lintSkill('---\nname: my-skill\ndescription: x\n');
    expect(only(result, 'body-empty')).toEqual([]);
    expect(only(result, 'frontmatter-present')).toHaveLength(1);
  });
});

describe('code-fence-language', () => {
  it('passes when every fence names a language', async () => {
    expect(only(await lintSkill(md('```ts\nconst a = 1;\n```\n\n~~~text\nout\n~~~\n')), 'code-fence-language')).toEqual([]);
  });

  it('warns at each fence without one, including indented fences', async () => {
    const result = await lintSkill(md('Run:\n\n```\nnpm test\n```\n\n1. Then:\n\n   ~~~\n   out\n   ~~~\n'));
    expect(only(result, 'code-fence-language').map((d) => [d.severity, d.line, d.column])).toEqual([
      ['warning', 8, 1],
      ['warning', 14, 4],
    ]);
  });
});

describe('code-fence-unclosed', () => {
  it('passes when fences close, including with a longer closing fence', async () => {
    expect(only(await lintSkill(md('```ts\nx\n`````\n\nText.\n')), 'code-fence-unclosed')).toEqual([]);
  });

  it('reports an unclosed fence once, with its marker, and not also as missing a language', async () => {
    const result = await lintSkill(md('# T\n\n````ts\ncode\n```\n## Later\n\nMore text.\n'));
    expect(only(result, 'code-fence-unclosed').map((d) => [d.severity, d.line, d.message, d.hint])).toEqual([
      ['error', 8, 'code block opened with ```` on line 8 is never closed; the rest of the file becomes code', 'close it with a line of ````'],
    ]);
    const stray = await lintSkill(md('```ts\nx\n```\nText.\n```\n'));
    expect(only(stray, 'code-fence-unclosed').map((d) => [d.line, d.hint])).toEqual([
      [10, 'if this ``` was meant to close the code block above it, delete it; otherwise close it with a line of ```'],
    ]);
    expect(only(stray, 'code-fence-language')).toEqual([]);
    // With no block above, there is nothing it could have closed.
    const first = await lintSkill(md('Text.\n```\ncode\n'));
    expect(only(first, 'code-fence-unclosed').map((d) => d.hint)).toEqual(['close it with a line of ```']);
  });
});
