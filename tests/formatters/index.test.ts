import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formatters, getFormatter } from '../../src/lint/formatters/index.js';
import { loadFormatter } from '../../src/lint/formatters/load.js';
import { makeInput } from './fixtures.js';

describe('formatters index', () => {
  it('offers exactly the four documented formats', () => {
    expect(Object.keys(formatters).sort()).toEqual(['github', 'json', 'sarif', 'stylish']);
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(formatters).sort());
    for (const name of FORMAT_NAMES) expect(getFormatter(name)).toBe(formatters[name]);
  });

  it('loadFormatter (the CLI loads one formatter) gives the same functions', async () => {
    for (const name of FORMAT_NAMES) expect(await loadFormatter(name)).toBe(formatters[name]);
    for (const name of ['', 'junit', 'toString', '__proto__']) expect(await loadFormatter(name)).toBeUndefined();
  });

  it('returns undefined for unknown names, including Object.prototype members', () => {
    for (const name of ['', 'STYLISH', 'junit', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(getFormatter(name)).toBeUndefined();
    }
  });

  it('every format ends its output with exactly one newline', () => {
    for (const name of FORMAT_NAMES) {
      for (const diagnostics of [undefined, []]) {
        const out = formatters[name](diagnostics ? makeInput({ diagnostics }) : makeInput());
        expect(out.endsWith('\n') && !out.endsWith('\n\n')).toBe(true);
      }
    }
  });
});
