/**
 * The installer as a library: `install()`, `remove()`, `list()` return typed results and
 * never print. The agents table, lock-file format and hash are exported for other tools.
 */
export { install, type InstallOptions, type InstallResult, type InstallItemResult } from './install.js';
export type { CommonOptions } from './context.js';
export type { RecoveryAction } from './apply.js';
export { remove, type RemoveOptions, type RemoveResult, type RemoveItem } from './remove.js';
export { list, type ListOptions, type ListResult, type ListedScope, type ListedFolder, type ListedSkill, type SkillStatus } from './list.js';
export { InstallError } from './errors.js';
export { AGENTS, findAgent, type AgentDefinition, type GlobalLocation, type Scope } from './agents.js';
export { skillFolderHash, type HashedFile } from './hash.js';
export { PROJECT_LOCK_NAME, GLOBAL_LOCK_NAME, parseLock, serializeLock, type LockFile } from './lock.js';
export { planInstall, type InstallPlan, type PlanItem, type Action, type FileChange, type PlanInput, type PlanSkill, type PlanTarget, type LockChange } from './plan.js';
export type { TreeEntry } from './tree.js';
export type { FolderState, InstalledState, Leftover } from './target.js';
export type { ClaimSource, ProjectDependencies } from './version-fit.js';
export { parseRange, rangesIntersect } from './semver.js';
