/** Rules about the body, the skill folder, and the skill set as a whole. */
import type { Rule } from '../types.js';
import { rule as bodyEmpty } from './body-empty.js';
import { rule as bodyLength } from './body-length.js';
import { rule as bodyTokens } from './body-tokens.js';
import { rule as codeFenceLanguage } from './code-fence-language.js';
import { rule as codeFenceUnclosed } from './code-fence-unclosed.js';
import { rule as crossReferences } from './cross-references.js';
import { rule as discoveryIncomplete } from './discovery-incomplete.js';
import { rule as discoverySymlink } from './discovery-symlink.js';
import { rule as fileMentionsExist } from './file-mentions-exist.js';
import { rule as linksExist } from './links-exist.js';
import { rule as linksInsideSkill } from './links-inside-skill.js';
import { rule as referencesDepth } from './references-depth.js';
import { rule as skillFileName } from './skill-file-name.js';
import { rule as skillSymlinks } from './skill-symlinks.js';

export const bodyRules: Rule[] = [
  bodyEmpty,
  bodyLength,
  bodyTokens,
  codeFenceUnclosed,
  codeFenceLanguage,
  linksExist,
  linksInsideSkill,
  fileMentionsExist,
  referencesDepth,
  skillSymlinks,
  crossReferences,
  skillFileName,
  discoverySymlink,
  discoveryIncomplete,
];
