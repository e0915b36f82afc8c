import { describe, expect, it } from 'vitest';
import { lint, skill } from './helpers.js';

describe('compatibility-length', () => {
  const RULE = 'compatibility-length';

  it('reports compatibility over 500 characters', async () => {
    const d = await lint(RULE, skill(`compatibility: ${'r'.repeat(501)}`));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 4, column: 16, message: '`compatibility` is 501 characters, over the 500-character limit' });
  });

  it('reports an empty compatibility', async () => {
    expect((await lint(RULE, skill('compatibility:')))[0]!.message).toBe('`compatibility` is empty');
    expect(await lint(RULE, skill('compatibility: ""'))).toHaveLength(1);
  });

  it('passes 500 characters and absence', async () => {
    expect(await lint(RULE, skill(`compatibility: ${'r'.repeat(500)}`))).toEqual([]);
    expect(await lint(RULE, skill(''))).toEqual([]);
  });
});

describe('metadata-strings', () => {
  const RULE = 'metadata-strings';

  it('flags numbers, booleans and empty values at their line, with "quote it"', async () => {
    const d = await lint(RULE, skill('metadata:\n  author: me\n  version: 1.0\n  internal: true\n  owner:'));
    expect(d).toHaveLength(3);
    expect(d[0]).toMatchObject({ severity: 'warning', line: 6, column: 12, message: '`metadata.version` is the number 1 (written `1.0`), not a string', hint: 'quote it: `version: "1.0"`' });
    expect(d[1]).toMatchObject({ line: 7, message: '`metadata.internal` is the boolean true, not a string', hint: 'quote it: `internal: "true"`' });
    expect(d[2]!.message).toBe('`metadata.owner` is empty, not a string');
  });

  it('flags nested lists and maps', async () => {
    const d = await lint(RULE, skill('metadata:\n  tags: [sql, lint]\n  extra:\n    a: b'));
    expect(d.map((x) => x.message)).toEqual(['`metadata.tags` is a list, not a string', '`metadata.extra` is a mapping, not a string']);
  });

  it('passes a string-to-string map, including quoted numbers', async () => {
    expect(await lint(RULE, skill('metadata:\n  author: me\n  version: "1.0"\n  flag: "true"'))).toEqual([]);
  });

  it('leaves a metadata that is not a map to frontmatter-types', async () => {
    expect(await lint(RULE, skill('metadata: 3'))).toEqual([]);
  });
});
