/**
 * The output formats of `vibe-skills validate`, by the name `--format` takes.
 */
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import { FORMAT_NAMES, isFormatName, type FormatName, type Formatter } from './types.js';

export const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

/** Undefined for an unknown name; `toString` or `__proto__` are unknown names, not Object's. */
export function getFormatter(name: string): Formatter | undefined {
  return isFormatName(name) ? formatters[name] : undefined;
}

export type { FormatInput, Formatter, FormatName } from './types.js';
export { FORMAT_NAMES, isFormatName };
export type { JsonReport } from './json.js';
export type { SarifLog } from './sarif.js';
export { formatGithub, formatJson, formatSarif, formatStylish };
