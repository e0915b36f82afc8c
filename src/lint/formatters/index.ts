/**
 * The output formats of `vibe-skills validate`, by the name `--format` takes.
 */
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';

export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** Undefined for an unknown name; `toString` or `__proto__` are unknown names, not Object's. */
export function getFormatter(name: string): Formatter | undefined {
  return isFormatName(name) ? formatters[name] : undefined;
}

export type { FormatInput, Formatter } from './types.js';
export type { JsonReport } from './json.js';
export type { SarifLog } from './sarif.js';
export { formatGithub, formatJson, formatSarif, formatStylish };
