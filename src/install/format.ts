/**
 * Text and JSON renderings of install, remove and list results. Pure: results in, strings
 * out. Paths and names can come from hostile repositories, so everything printed goes through
 * `printable` (control and bidi characters become visible escapes).
 */
import path from 'node:path';
import { formatStylish } from '../lint/formatters/stylish.js';
import { printable } from '../strings.js';
import { plural } from '../strings.js';
import type { Diagnostic } from '../types.js';
import type { RecoveryAction } from './apply.js';
import type { InstallItemResult, InstallResult } from './install.js';
import type { ListResult, SkillStatus } from './list.js';
import type { RemoveResult } from './remove.js';

export interface FormatContext {
  cwd: string;
  home: string;
  color: boolean;
}

const C = { reset: '\u001b[0m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', bold: '\u001b[1m' } as const;

function paint(ctx: FormatContext, text: string, style: keyof typeof C): string {
  return ctx.color && text !== '' ? `${C[style]}${text}${C.reset}` : text;
}

/** Relative inside the project, `~/...` inside home, else absolute; `/` separators; printable. */
export function shortPath(p: string, ctx: Pick<FormatContext, 'cwd' | 'home'>): string {
  const rel = path.relative(ctx.cwd, p);
  let shown: string;
  if (rel === '') shown = '.';
  else if (!rel.startsWith('..') && !path.isAbsolute(rel)) shown = rel;
  else {
    const relHome = path.relative(ctx.home, p);
    shown = relHome === '' ? '~' : !relHome.startsWith('..') && !path.isAbsolute(relHome) ? `~/${relHome}` : p;
  }
  return printable(shown.split(path.sep).join('/'));
}

function agentsLabel(agents: readonly string[]): string {
  if (agents.length === 0) return 'shared copy';
  if (agents.length <= 4) return agents.join(', ');
  return `${agents.slice(0, 3).join(', ')} and ${agents.length - 3} more`;
}

function diagnosticsBlock(diagnostics: readonly Diagnostic[], skillCount: number, ctx: FormatContext): string {
  if (diagnostics.length === 0) return '';
  return formatStylish({ diagnostics, skillCount, rules: [], cwd: ctx.cwd, color: ctx.color, toolName: 'vibe-skills', toolVersion: '' });
}

const MARK: Record<InstallItemResult['outcome'], string> = { create: '+', update: '~', unchanged: '=', conflict: '!', refused: 'x', failed: 'x' };

function fileSummary(item: InstallItemResult): string {
  if (item.mode === 'link') return `link -> ${printable(item.linkTarget ?? '')}`;
  const files = item.files.filter((f) => f.kind !== 'dir');
  const count = (c: string) => files.filter((f) => f.change === c).length;
  if (item.outcome === 'create') return plural(files.length, 'file');
  if (item.outcome === 'update') return `${count('replace')} changed, ${count('add')} added, ${count('delete')} removed`;
  return '';
}

function verb(item: InstallItemResult, dryRun: boolean): string {
  const words: Record<InstallItemResult['outcome'], [string, string]> = {
    create: ['created', 'would create'],
    update: ['updated', 'would update'],
    unchanged: ['unchanged', 'unchanged'],
    conflict: ['not replaced', 'would not replace'],
    refused: ['refused', 'refused'],
    failed: ['failed', 'failed'],
  };
  return words[item.outcome][dryRun ? 1 : 0];
}

/** What recovery did with an interrupted run's leftovers; one it could not clear is a warning. */
function recoveryLines(actions: readonly RecoveryAction[], ctx: FormatContext): string[] {
  return actions.map((a) =>
    a.action === 'failed'
      ? paint(ctx, `could not clear what an interrupted run left: ${shortPath(a.path, ctx)} (${printable(a.error ?? '')}); it stays, and the next run tries again`, 'yellow')
      : paint(ctx, `recovered an interrupted run: ${shortPath(a.path, ctx)} ${a.action}${a.to ? ` -> ${shortPath(a.to, ctx)}` : ''}`, 'dim'),
  );
}

export function formatInstall(r: InstallResult, ctx: FormatContext): string {
  const lines: string[] = [];
  const diag = diagnosticsBlock(r.diagnostics, r.skills.length, ctx);
  const blocked = r.items.length === 0 && r.diagnostics.some((d) => d.severity === 'error');
  if (blocked) {
    lines.push(diag.trimEnd(), '', paint(ctx, 'Nothing was installed: fix the errors above first.', 'red'));
    return `${lines.join('\n')}\n`;
  }
  lines.push(...recoveryLines(r.recovered, ctx));
  const deps = r.dependencies.length > 0 ? ` (with dependencies: ${r.dependencies.join(', ')})` : '';
  lines.push(`${r.dryRun ? 'Plan: install' : 'Install'} ${r.skills.join(', ')}${deps} from ${r.builtIn ? 'the built-in skill pack' : shortPath(r.source, ctx)} (${r.scope})`);
  if (r.skippedAgents.length > 0) lines.push(paint(ctx, `  skipped ${r.skippedAgents.join(', ')}: no ${r.scope} skills folder`, 'yellow'));
  const byTarget = new Map<string, InstallItemResult[]>();
  for (const i of r.items) byTarget.set(i.targetDir, [...(byTarget.get(i.targetDir) ?? []), i]);
  const nameWidth = Math.max(0, ...r.items.map((i) => i.skill.length));
  for (const [dir, items] of byTarget) {
    lines.push(`  ${shortPath(dir, ctx)}/  ${paint(ctx, `(${agentsLabel(items[0]?.agents ?? [])})`, 'dim')}`);
    for (const i of items) {
      const style = i.outcome === 'conflict' || i.outcome === 'refused' || i.outcome === 'failed' ? 'red' : i.outcome === 'unchanged' ? 'dim' : 'green';
      const summary = fileSummary(i);
      lines.push(`    ${paint(ctx, MARK[i.outcome], style)} ${i.skill.padEnd(nameWidth)}  ${verb(i, r.dryRun)}${summary ? ` (${summary})` : ''}`);
      if (i.outcome === 'conflict' || i.outcome === 'refused' || i.outcome === 'failed') {
        // A failure's own error says more than the plan's reason for the change.
        lines.push(`        ${printable((i.outcome === 'failed' ? (i.error ?? i.reason) : (i.reason ?? i.error)) ?? '')}`);
        if (i.hint) lines.push(`        ${paint(ctx, `hint: ${printable(i.hint)}`, 'dim')}`);
      }
      if (i.backup !== undefined && (i.outcome === 'update' || i.outcome === 'create')) {
        lines.push(`        ${r.dryRun ? 'would keep' : 'kept'} the previous folder as ${shortPath(i.backup, ctx)}`);
      }
      if (i.follows === true && i.outcome === 'update') lines.push(`        ${paint(ctx, 'an untouched copy: updated too, as the lock file records one version per skill', 'dim')}`);
      if (i.warning !== undefined) lines.push(`        ${paint(ctx, `warning: ${printable(i.warning)}`, 'yellow')}`);
      if (r.dryRun && (i.outcome === 'create' || i.outcome === 'update') && i.mode === 'copy') {
        for (const f of i.files) lines.push(`        ${paint(ctx, f.change.padEnd(7), 'dim')} ${printable(f.path)}${f.kind === 'dir' ? '/' : f.kind === 'symlink' ? ' (link)' : ''}`);
      }
    }
  }
  const lockName = shortPath(r.lockFile, ctx);
  if (r.lockChanges.length > 0) {
    lines.push(`${r.dryRun ? 'Would record' : 'Recorded'} in ${lockName}: ${r.lockChanges.map((c) => `${c.skill} (${c.change === 'add' ? 'added' : 'updated'})`).join(', ')}`);
  }
  if (diag !== '') lines.push('', diag.trimEnd());
  lines.push('');
  const problems = r.items.filter((i) => i.outcome === 'conflict' || i.outcome === 'refused' || i.outcome === 'failed').length;
  // The folders are done but the lock file could not be written (the only error left by now).
  const unrecorded = r.diagnostics.some((d) => d.ruleId === 'lock-file' && d.severity === 'error');
  if (r.dryRun) lines.push('Dry run: nothing was changed.');
  else if (problems > 0) lines.push(paint(ctx, `${plural(problems, 'folder')} not installed; see above.`, 'red'));
  else if (unrecorded) lines.push(paint(ctx, `Installed, but not recorded in ${lockName}; see above.`, 'red'));
  else if (!r.changed) lines.push(paint(ctx, `Nothing to do: ${plural(r.skills.length, 'skill')} already up to date.`, 'green'));
  else lines.push(paint(ctx, 'Done.', 'green'));
  return `${lines.join('\n')}\n`;
}

export function formatRemove(r: RemoveResult, ctx: FormatContext): string {
  const lines: string[] = [];
  if (r.diagnostics.length > 0) lines.push(diagnosticsBlock(r.diagnostics, 0, ctx).trimEnd(), '');
  lines.push(...recoveryLines(r.recovered, ctx));
  for (const i of r.items) {
    const where = shortPath(i.dest, ctx);
    if (i.outcome === 'remove') {
      lines.push(`  ${paint(ctx, '-', 'green')} ${where}${i.kind === 'symlink' ? ' (link)' : ''}  ${r.dryRun ? 'would remove' : 'removed'}`);
      if (i.backup) lines.push(`      ${r.dryRun ? 'would keep' : 'kept'} it as ${shortPath(i.backup, ctx)}`);
      if (i.warning !== undefined) lines.push(`      ${paint(ctx, `warning: ${printable(i.warning)}`, 'yellow')}`);
    } else {
      lines.push(`  ${paint(ctx, i.outcome === 'conflict' ? '!' : 'x', 'red')} ${where}  ${i.outcome === 'conflict' ? 'not removed' : i.outcome}`);
      lines.push(`      ${printable(i.reason ?? '')}`);
      if (i.hint) lines.push(`      ${paint(ctx, `hint: ${printable(i.hint)}`, 'dim')}`);
    }
  }
  if (r.lockRemoved.length > 0) lines.push(`${r.dryRun ? 'Would remove' : 'Removed'} from ${shortPath(r.lockFile, ctx)}: ${r.lockRemoved.join(', ')}`);
  for (const n of r.notInstalled) lines.push(paint(ctx, `${printable(n)} is not installed (${r.scope} scope)`, 'red'));
  if (r.notInstalled.length > 0) {
    const other = r.scope === 'project' ? '; add --global for skills installed for your user' : '; leave out --global for the skills of this project';
    lines.push(paint(ctx, `  hint: \`vibe-skills list\` shows what is installed${other}`, 'dim'));
  }
  if (r.dryRun) lines.push('Dry run: nothing was changed.');
  return `${lines.join('\n')}\n`;
}

const STATUS_TEXT: Record<SkillStatus, string> = {
  'up-to-date': 'up to date',
  modified: 'modified locally',
  outdated: 'outdated',
  broken: 'broken',
  untracked: 'not in lock file',
  unknown: 'unknown',
};

const STATUS_STYLE: Record<SkillStatus, keyof typeof C> = {
  'up-to-date': 'green',
  modified: 'yellow',
  outdated: 'yellow',
  broken: 'red',
  untracked: 'dim',
  unknown: 'dim',
};

export function formatList(r: ListResult, ctx: FormatContext): string {
  const lines: string[] = [];
  for (const s of r.scopes) {
    lines.push(paint(ctx, `${s.scope === 'project' ? 'Project' : 'Global'} skills`, 'bold') + paint(ctx, `  (${shortPath(s.lockFile, ctx)})`, 'dim'));
    if (s.lockError) {
      // The message names the lock file already (the heading shows where it is).
      const at = s.lockError.line > 0 ? ` (line ${s.lockError.line}${s.lockError.column > 0 ? `, column ${s.lockError.column}` : ''})` : '';
      lines.push(`  ${paint(ctx, `${printable(s.lockError.message)}${at}`, 'red')}`);
      if (s.lockError.hint) lines.push(`  ${paint(ctx, `hint: ${printable(s.lockError.hint)}`, 'dim')}`);
    }
    if (s.folders.length === 0) lines.push('  (none)');
    for (const f of s.folders) {
      lines.push(`  ${shortPath(f.dir, ctx)}/  ${paint(ctx, `(${agentsLabel(f.agents)})`, 'dim')}`);
      if (f.refused !== undefined) lines.push(`    ${paint(ctx, `not read: ${printable(f.refused)}`, 'red')}`);
      const width = Math.max(0, ...f.skills.map((k) => printable(k.name).length));
      for (const k of f.skills) {
        const name = printable(k.name).padEnd(width);
        const link = k.kind === 'symlink' ? paint(ctx, ` -> ${printable(k.linkTarget ?? '')}`, 'dim') : '';
        const detail = k.detail ? paint(ctx, `  ${printable(k.detail)}`, 'dim') : '';
        lines.push(`    ${name}  ${paint(ctx, STATUS_TEXT[k.status], STATUS_STYLE[k.status])}${link}${detail}`);
      }
      for (const l of f.leftovers) {
        lines.push(`    ${paint(ctx, `${printable(l.entry)}: left by an interrupted run; the next install or remove cleans it up`, 'yellow')}`);
      }
    }
    if (s.lockOnly.length > 0) lines.push(`  ${paint(ctx, `in the lock file but not installed: ${s.lockOnly.map(printable).join(', ')}`, 'dim')}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** JSON output: the result itself, with absolute paths; stable for scripts. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
