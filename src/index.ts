/**
 * vibe-skills as a library. Every CLI command is also a function here, returning data.
 */
export { validate, ValidateUsageError, type ValidateOptions, type ValidateResult, type TypecheckSettings } from './validate.js';
export type { Diagnostic, Position, Severity, SeveritySetting } from './types.js';
export { compareDiagnostics } from './types.js';

export { readSkill, parseSkillText, summarize, decodeSkillText, MAX_SKILL_BYTES, type ReadOptions, type DirEntry, type ReadDir } from './skill/read.js';
export { discoverSkills, SKILL_CONTAINERS, type DiscoverOptions, type DiscoverResult } from './skill/discover.js';
export { splitFrontmatter, parseFrontmatterYaml, type SplitResult, type ParsedFrontmatter } from './skill/frontmatter.js';
export type * from './skill/model.js';

export { allRules } from './lint/rules/index.js';
export type { Rule, RuleMeta, SkillRule, SetRule, RepoRule, Finding, LintSettings, SkillRuleContext, SetRuleContext, RepoRuleContext, DiscoveryNote } from './lint/types.js';
export { parseConfig, ConfigError, CONFIG_FILE, type VibeConfig } from './lint/config.js';
export { formatters, getFormatter, FORMAT_NAMES, type FormatName } from './lint/formatters/index.js';
export type { FormatInput, Formatter } from './lint/formatters/types.js';
export type { JsonReport } from './lint/formatters/json.js';

export { typecheckSkills, type TypecheckInputSkill, type TypecheckOptions, type TypecheckResult } from './typecheck/index.js';

export { loadManifests, MANIFEST_SIZE_CAP } from './plugin/load.js';
export { skillDirsFromManifests, pluginRootsFromManifests } from './plugin/paths.js';
export { deriveManifests, type DerivedManifest } from './plugin/sync.js';
export { syncPlugin, PluginSyncError, type SyncOptions, type SyncResult, type SyncFile } from './plugin/write.js';
export type { ManifestProblem } from './plugin/check.js';
export { ownPluginSchema, claudePluginSchema, marketplaceSchema } from './plugin/schemas.js';
export type { ManifestFile, ManifestKind, PathStatus } from './plugin/model.js';

export * from './install/index.js';
