/** Rules about the body, the skill folder, and the skill set as a whole. */
import type { Rule } from '../types.js';

export const bodyRules: Rule[] = [];
