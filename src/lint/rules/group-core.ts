/** Rules about reading the file at all. */
import type { Rule } from '../types.js';
import { rule as fileReadable } from './file-readable.js';
import { rule as frontmatterPresent } from './frontmatter-present.js';
import { rule as frontmatterYaml } from './frontmatter-yaml.js';
import { rule as typecheck } from './typecheck.js';

export const coreRules: Rule[] = [fileReadable, frontmatterPresent, frontmatterYaml, typecheck];
