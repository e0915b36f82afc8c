/** Rules about plugin.json and marketplace.json. */
import type { Rule } from '../types.js';
import { rule as manifestDrift } from './manifest-drift.js';
import { rule as manifestExperimental } from './manifest-experimental.js';
import { rule as manifestJson } from './manifest-json.js';
import { rule as manifestNameAnthropic } from './manifest-name-anthropic.js';
import { rule as manifestNameReserved } from './manifest-name-reserved.js';
import { rule as manifestPaths } from './manifest-paths.js';
import { rule as manifestSchema } from './manifest-schema.js';
import { rule as manifestUnknownField } from './manifest-unknown-field.js';

export const manifestRules: Rule[] = [manifestJson, manifestSchema, manifestUnknownField, manifestExperimental, manifestNameReserved, manifestNameAnthropic, manifestPaths, manifestDrift];
