/** Every rule, in reporting order. Each group file lists the rules of one area. */
import type { Rule } from '../types.js';
import { bodyRules } from './group-body.js';
import { coreRules } from './group-core.js';
import { frontmatterRules } from './group-frontmatter.js';
import { manifestRules } from './group-manifest.js';

export const allRules: readonly Rule[] = [...coreRules, ...frontmatterRules, ...bodyRules, ...manifestRules];
