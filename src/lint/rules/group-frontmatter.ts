/** Rules about frontmatter fields. */
import type { Rule } from '../types.js';
import { rule as agentValue } from './agent-value.js';
import { rule as allowedToolsBashUnscoped } from './allowed-tools-bash-unscoped.js';
import { rule as allowedToolsFormat } from './allowed-tools-format.js';
import { rule as allowedToolsKnown } from './allowed-tools-known.js';
import { rule as argumentHintArguments } from './argument-hint-arguments.js';
import { rule as backgroundFork } from './background-fork.js';
import { rule as booleanAsString } from './boolean-as-string.js';
import { rule as compatibilityLength } from './compatibility-length.js';
import { rule as contextValue } from './context-value.js';
import { rule as descriptionLength } from './description-length.js';
import { rule as descriptionMinLength } from './description-min-length.js';
import { rule as descriptionRequired } from './description-required.js';
import { rule as descriptionTrigger } from './description-trigger.js';
import { rule as descriptionUnique } from './description-unique.js';
import { rule as descriptionXml } from './description-xml.js';
import { rule as effortValue } from './effort-value.js';
import { rule as frontmatterImplicitTypes } from './frontmatter-implicit-types.js';
import { rule as frontmatterPortable } from './frontmatter-portable.js';
import { rule as frontmatterTypes } from './frontmatter-types.js';
import { rule as frontmatterUnknownField } from './frontmatter-unknown-field.js';
import { rule as metadataStrings } from './metadata-strings.js';
import { rule as modelValue } from './model-value.js';
import { rule as nameFormat } from './name-format.js';
import { rule as nameMatchesFolder } from './name-matches-folder.js';
import { rule as nameRequired } from './name-required.js';
import { rule as nameReserved } from './name-reserved.js';
import { rule as nameUnique } from './name-unique.js';
import { rule as nameUniqueAcrossPlugins } from './name-unique-across-plugins.js';
import { rule as shellValue } from './shell-value.js';
import { rule as skillUnreachable } from './skill-unreachable.js';

export const frontmatterRules: Rule[] = [
  frontmatterPortable,
  frontmatterImplicitTypes,
  frontmatterTypes,
  frontmatterUnknownField,
  nameRequired,
  nameFormat,
  nameMatchesFolder,
  nameReserved,
  nameUnique,
  nameUniqueAcrossPlugins,
  descriptionRequired,
  descriptionLength,
  descriptionXml,
  descriptionTrigger,
  descriptionMinLength,
  descriptionUnique,
  compatibilityLength,
  metadataStrings,
  modelValue,
  contextValue,
  agentValue,
  backgroundFork,
  effortValue,
  shellValue,
  booleanAsString,
  argumentHintArguments,
  skillUnreachable,
  allowedToolsFormat,
  allowedToolsKnown,
  allowedToolsBashUnscoped,
];
