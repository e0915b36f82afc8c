/** Rules about plugin.json and marketplace.json. */
import type { Rule } from '../types.js';

export const manifestRules: Rule[] = [];
