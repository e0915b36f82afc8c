/**
 * The CLI's way to a formatter: it loads only the one asked for. The library API
 * (./index.ts) loads all four; the SARIF formatter alone brings node:crypto, ~10 ms of
 * start-up that a default (stylish) run does not need.
 */
import { isFormatName, type Formatter } from './types.js';

/** Undefined for an unknown name (`toString` or `__proto__` too). */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  if (!isFormatName(name)) return undefined;
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
  }
}
