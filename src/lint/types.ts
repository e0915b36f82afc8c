/**
 * The lint rule contract. A rule is one file exporting one object: id, description,
 * default severity, docs, and a `check` that looks at data and calls `report`.
 * Rules never do I/O: the runner hands them the parsed skill, the summaries of the
 * whole skill set, or the repository's manifests.
 */
import type { ManifestFile } from '../plugin/model.js';
import type { SkillDocument, SkillSummary } from '../skill/model.js';
import type { Position, SeveritySetting } from '../types.js';

export interface RuleMeta {
  /** Kebab-case id, e.g. `name-format`. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  /** Severity when no configuration says otherwise. */
  severity: SeveritySetting;
  /** Why it matters and how to fix it (shown in SARIF help and `vibe-skills rules`). */
  docs: string;
}

export interface Finding {
  message: string;
  /** Where; omit for the whole file (line 0). */
  pos?: Position;
  end?: Position;
  hint?: string;
  /** Another file than the context's default (repo and set rules). */
  file?: string;
}

export interface LintSettings {
  /** Names a skill may point at that are not in the set (other packs, external tools). */
  externalSkills: ReadonlySet<string>;
}

export interface SkillRuleContext {
  skill: SkillDocument;
  settings: LintSettings;
  report(finding: Finding): void;
}

export interface SetRuleContext {
  /** Every skill found in the run, in discovery order. */
  skills: readonly SkillSummary[];
  settings: LintSettings;
  /**
   * The folder (absolute) of the marketplace plugin a skill ships in: the deepest plugin source
   * of a `.claude-plugin/marketplace.json` that holds it. Undefined outside any such plugin.
   */
  pluginOf(skill: SkillSummary): string | undefined;
  /** The `name` a marketplace gives the plugin in a folder `pluginOf` returned, when one does. */
  pluginName?(folder: string): string | undefined;
  /**
   * True for a byte-identical copy of an earlier skill of the same name (a pack that keeps the
   * skill for two agents): the rules about shared names and descriptions leave it out.
   */
  isCopy?(skill: SkillSummary): boolean;
  /** `finding.file` is required here. */
  report(finding: Finding & { file: string }): void;
}

/** Things discovery noticed while walking the tree. */
export interface DiscoveryNote {
  kind: 'symlink-outside' | 'symlink-skipped' | 'misnamed-skill-file' | 'unreadable-dir' | 'depth-limit' | 'path-not-found';
  /** Display path. */
  file: string;
  message: string;
  hint?: string;
}

export interface RepoRuleContext {
  /** Absolute path of the repository root being validated. */
  root: string;
  manifests: readonly ManifestFile[];
  discovery: readonly DiscoveryNote[];
  skills: readonly SkillSummary[];
  settings: LintSettings;
  /** `finding.file` is required here. */
  report(finding: Finding & { file: string }): void;
}

export interface SkillRule extends RuleMeta {
  scope: 'skill';
  /** Run even when the file could not be read as text (only the rule that reports that). */
  onUnreadable?: boolean;
  check(ctx: SkillRuleContext): void;
}

export interface SetRule extends RuleMeta {
  scope: 'set';
  check(ctx: SetRuleContext): void;
}

export interface RepoRule extends RuleMeta {
  scope: 'repo';
  check(ctx: RepoRuleContext): void;
}

export type Rule = SkillRule | SetRule | RepoRule;
