/**
 * Runs rules over data. Pure: no I/O, no printing. A rule that throws never takes the run
 * down: its exception becomes one `internal-error` diagnostic naming the rule.
 */
import { own } from '../strings.js';
import type { SkillDocument, SkillSummary } from '../skill/model.js';
import type { Diagnostic, Severity, SeveritySetting } from '../types.js';
import { enterDocument, leaveDocument } from './derived.js';
import type { Finding, LintSettings, RepoRule, RepoRuleContext, Rule, SetRule, SetRuleContext, SkillRule, SkillRuleContext } from './types.js';

export type SeverityMap = ReadonlyMap<string, SeveritySetting>;

/** Effective severity of every rule: its default, then each override layer in order. */
export function resolveSeverities(rules: readonly Rule[], ...overrides: Array<Record<string, SeveritySetting> | undefined>): Map<string, SeveritySetting> {
  const map = new Map<string, SeveritySetting>();
  for (const r of rules) map.set(r.id, r.severity);
  for (const layer of overrides) {
    if (!layer) continue;
    for (const [id, sev] of Object.entries(layer)) map.set(id, sev);
  }
  return map;
}

function toDiagnostic(rule: Rule, severity: Severity, f: Finding, file: string): Diagnostic {
  const d: Diagnostic = {
    ruleId: rule.id,
    severity,
    // Messages quote the document; owned copies let it be collected once linted.
    message: own(f.message),
    file: f.file ?? file,
    line: f.pos?.line ?? 0,
    column: f.pos?.column ?? 0,
  };
  if (f.end) {
    d.endLine = f.end.line;
    d.endColumn = f.end.column;
  }
  if (f.hint) d.hint = own(f.hint);
  return d;
}

function crash(rule: Rule, file: string, e: unknown): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  return {
    ruleId: 'internal-error',
    severity: 'error',
    message: `rule ${rule.id} failed on this file: ${message}`,
    file,
    line: 0,
    column: 0,
    hint: 'this is a bug in vibe-skills; please report it with the file. Disable the rule to continue.',
  };
}

function activeSeverity(rule: Rule, severities: SeverityMap): Severity | undefined {
  const s = severities.get(rule.id) ?? rule.severity;
  return s === 'off' ? undefined : s;
}

/** The rules of a run that are not off, each with its effective severity. */
interface SkillPlan {
  readonly rules: readonly SkillRule[];
  readonly severities: SeverityMap;
  readonly active: readonly SkillRule[];
  readonly levels: readonly Severity[];
}

let lastPlan: SkillPlan | undefined;

/*
 * A run lints thousands of documents with the same rules and severities: the active rules are
 * worked out once for that pair, not once per rule per document (a Map lookup and a branch each
 * time, ~100,000 times for 2,000 skills). Keyed on both objects' identity; the severity map is
 * read-only to the runner, as its type says.
 */
function planFor(rules: readonly SkillRule[], severities: SeverityMap): SkillPlan {
  if (lastPlan !== undefined && lastPlan.rules === rules && lastPlan.severities === severities) return lastPlan;
  const active: SkillRule[] = [];
  const levels: Severity[] = [];
  for (const r of rules) {
    const s = activeSeverity(r, severities);
    if (!s) continue;
    active.push(r);
    levels.push(s);
  }
  lastPlan = { rules, severities, active, levels };
  return lastPlan;
}

export function runSkillRules(doc: SkillDocument, rules: readonly SkillRule[], severities: SeverityMap, settings: LintSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const plan = planFor(rules, severities);
  // One context for every rule of this document instead of one context and one closure per
  // rule (50 rules x thousands of documents). `report` files each finding under the rule that
  // is running: rules report synchronously, from inside `check`.
  let rule: SkillRule | undefined;
  let severity: Severity = 'error';
  const ctx: SkillRuleContext = {
    skill: doc,
    settings,
    report: (f) => {
      out.push(toDiagnostic(rule!, severity, f, doc.file));
    },
  };
  const unreadable = Boolean(doc.readProblem);
  const { active, levels } = plan;
  const previous = enterDocument(doc);
  try {
    for (let i = 0; i < active.length; i++) {
      const r = active[i]!;
      if (unreadable && !r.onUnreadable) continue;
      rule = r;
      severity = levels[i]!;
      try {
        r.check(ctx);
      } catch (e) {
        out.push(crash(r, doc.file, e));
      }
    }
  } finally {
    leaveDocument(previous);
  }
  return out;
}

export function runSetRules(
  skills: readonly SkillSummary[],
  rules: readonly SetRule[],
  severities: SeverityMap,
  settings: LintSettings,
  context: Partial<Pick<SetRuleContext, 'pluginOf' | 'pluginName' | 'isCopy'>> = {},
): Diagnostic[] {
  const { pluginOf = () => undefined, pluginName = () => undefined, isCopy = () => false } = context;
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = activeSeverity(rule, severities);
    if (!severity) continue;
    try {
      rule.check({ skills, settings, pluginOf, pluginName, isCopy, report: (f) => out.push(toDiagnostic(rule, severity, f, f.file)) });
    } catch (e) {
      out.push(crash(rule, '.', e));
    }
  }
  return out;
}

export function runRepoRules(ctx: Omit<RepoRuleContext, 'report'>, rules: readonly RepoRule[], severities: SeverityMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = activeSeverity(rule, severities);
    if (!severity) continue;
    try {
      rule.check({ ...ctx, report: (f) => out.push(toDiagnostic(rule, severity, f, f.file)) });
    } catch (e) {
      out.push(crash(rule, '.', e));
    }
  }
  return out;
}
