/**
 * The installer as a library: `install()`, `remove()`, `list()` return typed results and
 * never print. The agents table, lock-file format and hash are exported for other tools.
 */
export { install, type InstallOptions, type InstallResult, type InstallItemResult } from './install.js';
export { remove, type RemoveOptions, type RemoveResult, type RemoveItem } from './remove.js';
export { list, type ListOptions, type ListResult, type ListedScope, type ListedFolder, type ListedSkill, type SkillStatus } from './list.js';
export { InstallError } from './errors.js';
export { AGENTS, findAgent, type AgentDefinition, type GlobalLocation, type Scope } from './agents.js';
export { skillFolderHash } from './hash.js';
export { PROJECT_LOCK_NAME, GLOBAL_LOCK_NAME, parseLock, serializeLock, type LockFile } from './lock.js';
export { planInstall, type InstallPlan, type PlanItem, type Action, type FileChange } from './plan.js';
export { parseRange, rangesIntersect } from './semver.js';
