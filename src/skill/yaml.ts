/**
 * The `yaml` package, loaded on first use. Most frontmatter never needs it (the fast path
 * answers), and loading it costs ~60 ms of start-up, so it is required only when a file falls
 * back to it. `yaml` ships CommonJS, so a synchronous require works from ESM.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
