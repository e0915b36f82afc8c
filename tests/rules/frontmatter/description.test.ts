import { describe, expect, it } from 'vitest';
import { skillMd } from '../../helpers/skill-tree.js';
import { describesWhen } from '../../../src/lint/rules/description-trigger.js';
import { lint, lintFiles, skill } from './helpers.js';

describe('description-required', () => {
  const RULE = 'description-required';

  it('reports a missing description', async () => {
    const d = await lint(RULE, skill('', { description: false }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 1, message: 'frontmatter has no `description`' });
  });

  it('reports an empty description', async () => {
    expect((await lint(RULE, skill('', { description: "''" })))[0]!.message).toBe('`description` is empty');
  });

  it('passes a description', async () => {
    expect(await lint(RULE, skill(''))).toEqual([]);
  });
});

describe('description-length', () => {
  const RULE = 'description-length';
  const long = (n: number) => `Use when testing. ${'x'.repeat(n - 18)}`;

  it('reports descriptions over 1,024 characters', async () => {
    const d = await lint(RULE, skill('', { description: long(1025) }));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe('`description` is 1,025 characters, over the 1,024-character limit');
  });

  it('passes exactly 1,024 characters, counting characters not bytes', async () => {
    expect(await lint(RULE, skill('', { description: long(1024) }))).toEqual([]);
    expect(await lint(RULE, skill('', { description: `Use when testing. ${'é'.repeat(1000)}` }))).toEqual([]);
  });
});

describe('description-xml', () => {
  const RULE = 'description-xml';

  it('reports a tag at its column', async () => {
    const d = await lint(RULE, skill('', { description: 'Builds <example> files. Use when asked to build examples.' }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 3, column: 21 });
    expect(d[0]!.message).toBe('`description` contains the tag `<example>`');
  });

  it.each(['</b>', '<br/>', '<a href="x">'])('reports %s', async (tag) => {
    expect(await lint(RULE, skill('', { description: JSON.stringify(`Formats ${tag} text. Use when asked to format.`) }))).toHaveLength(1);
  });

  it('passes comparisons, arrows and autolinks', async () => {
    const description = '"Checks that a < b and c > d, maps x -> y, see <https://example.com>. Use when comparing values."';
    expect(await lint(RULE, skill('', { description }))).toEqual([]);
  });
});

describe('description-trigger', () => {
  const RULE = 'description-trigger';

  it('warns when the description only says what the skill does', async () => {
    const d = await lint(RULE, skill('', { description: 'Toolkit for testing web applications with Playwright and capturing screenshots.' }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 3, column: 14 });
  });

  it('reads `when_to_use` as trigger text, as Claude Code does', async () => {
    const description = 'Toolkit for testing web applications with Playwright and capturing screenshots.';
    expect(await lint(RULE, skill('when_to_use: Use when the user asks to test a local web app.', { description }))).toEqual([]);
    const d = await lint(RULE, skill('when_to_use: Playwright and screenshots.', { description }));
    expect(d.map((x) => x.message)).toEqual(['`description` and `when_to_use` say what the skill does but not when to use it']);
  });

  it('skips skills the model never picks (disable-model-invocation: true)', async () => {
    const description = 'Toolkit for testing web applications with Playwright and capturing screenshots.';
    expect(await lint(RULE, skill('disable-model-invocation: true', { description }))).toEqual([]);
    expect(await lint(RULE, skill('disable-model-invocation: false', { description }))).toHaveLength(1);
  });

  it('leaves stubs to description-min-length', async () => {
    expect(await lint(RULE, skill('', { description: 'Helps with PDFs.' }))).toEqual([]);
  });

  it.each([
    'Formats SQL. Use when the user asks to clean up queries.',
    'Use this skill whenever a spreadsheet is involved.',
    'Formats SQL. Triggers on .sql files and query reviews.',
    'Guidance for database migration tasks in Postgres projects.',
    'You MUST use this before any creative work such as new features.',
    'Deploys the app. Do not use for local development servers.',
    'Formats SQL if the user pastes a query into the chat.',
    'Reviews code before merging a pull request into main.',
    'Bayesian modeling with PyMC. Build hierarchical models, MCMC, for probabilistic programming and inference.',
    'Glycosylation analysis. For glycoprotein engineering and antibody design.',
    'Pythonic wrapper around RDKit. Preferred for standard drug discovery pipelines.',
  ])('accepts %s', (text) => {
    expect(describesWhen(text)).toBe(true);
  });

  it.each([
    'Toolkit for interacting with and testing local web applications using Playwright.',
    'Generate an HTML report of session usage from transcripts.',
    'Helps with PDFs.',
    'Toolkit for styling documents and slides with a set of preset themes.',
  ])('flags %s', (text) => {
    expect(describesWhen(text)).toBe(false);
  });

  it('does not judge descriptions in non-Latin scripts', () => {
    expect(describesWhen('PDF ファイルからテキストと表を抽出します。')).toBeUndefined();
  });
});

describe('description-min-length', () => {
  const RULE = 'description-min-length';

  it('warns about a stub description', async () => {
    const d = await lint(RULE, skill('', { description: 'Helps with PDFs.' }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', message: '`description` is only 16 characters long' });
  });

  it('counts one character in the singular', async () => {
    const d = await lint(RULE, skill('', { description: 'x' }));
    expect(d[0]?.message).toBe('`description` is only 1 character long');
  });

  it('passes 40 characters and more', async () => {
    expect(await lint(RULE, skill('', { description: 'Formats SQL files. Use when editing sql.' }))).toEqual([]);
  });
});

describe('description-unique', () => {
  const RULE = 'description-unique';

  it('warns about identical descriptions (ignoring case and spacing)', async () => {
    const d = await lintFiles(RULE, {
      'skills/a/SKILL.md': skillMd('a', { description: 'Formats SQL files. Use when asked to format SQL.' }),
      'skills/b/SKILL.md': skillMd('b', { description: 'formats  SQL files. Use when asked to format SQL.' }),
      'skills/c/SKILL.md': skillMd('c'),
    });
    expect(d).toHaveLength(2);
    expect(d.find((x) => x.file === 'skills/a/SKILL.md')).toMatchObject({ severity: 'warning', line: 3, column: 14, message: '`description` is the same as in skills/b/SKILL.md' });
  });

  it('passes distinct descriptions', async () => {
    expect(await lintFiles(RULE, { 'skills/a/SKILL.md': skillMd('a'), 'skills/b/SKILL.md': skillMd('b') })).toEqual([]);
  });
});
