/** Rules about frontmatter fields. */
import type { Rule } from '../types.js';

export const frontmatterRules: Rule[] = [];
