import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLock, withEntry, type LockFile } from '../../src/install/lock.js';
import { planInstall, type PlanInput, type PlanSkill, type PlanTarget } from '../../src/install/plan.js';
import type { InstalledState } from '../../src/install/target.js';
import type { TreeEntry } from '../../src/install/tree.js';

const SRC = '/src/skills/alpha';
const entries: TreeEntry[] = [
  { kind: 'file', path: 'SKILL.md', sha256: 's1', executable: false },
  { kind: 'dir', path: 'references' },
  { kind: 'file', path: 'references/a.md', sha256: 'a1', executable: false },
];
const skill: PlanSkill = { name: 'alpha', dir: SRC, file: 'skills/alpha/SKILL.md', entries, hash: 'NEW', claims: [] };

function target(existing?: InstalledState, dir = '/p/.claude/skills'): PlanTarget {
  return { folder: { dir, realDir: dir, exists: true, leftovers: [] }, agents: ['claude-code'], mode: 'copy', existing: new Map(existing ? [['alpha', existing]] : []) };
}
function installed(list: TreeEntry[], hash: string, extra: Partial<{ unhashed: TreeEntry[]; truncated: boolean }> = {}): InstalledState {
  return { kind: 'dir', tree: { entries: list, hash, unhashed: extra.unhashed ?? [], truncated: extra.truncated ?? false } };
}
function lockWith(hash?: string): LockFile {
  const l = emptyLock('project', '/p/skills-lock.json');
  return hash === undefined ? l : withEntry(l, 'alpha', { source: '/src', hash, now: 'T' });
}
function plan(over: Partial<PlanInput>) {
  return planInstall({ skills: [skill], targets: [target()], lock: lockWith(), source: '/src', force: false, stamp: 'STAMP', now: 'T', deps: null, ...over });
}
const OLD: TreeEntry[] = [
  { kind: 'file', path: 'SKILL.md', sha256: 's0', executable: false },
  { kind: 'file', path: 'old.md', sha256: 'o', executable: false },
];

describe('planInstall', () => {
  it('creates a missing skill, listing every file and folder, and records it in the lock', () => {
    const p = plan({});
    expect(p.items).toHaveLength(1);
    expect(p.items[0]).toMatchObject({ action: 'create', dest: path.join('/p/.claude/skills', 'alpha'), mode: 'copy' });
    expect(p.items[0]!.files.map((f) => `${f.change} ${f.path}`)).toEqual(['add SKILL.md', 'add references', 'add references/a.md']);
    expect(p.lock.changes).toEqual([{ skill: 'alpha', change: 'add' }]);
    expect(p.lock.after.data.skills.alpha).toEqual({ source: '../src', sourceType: 'local', computedHash: 'NEW' });
  });

  it('does nothing for an identical install with a matching lock entry', () => {
    const p = plan({ targets: [target(installed(entries, 'NEW'))], lock: lockWith('NEW') });
    expect(p.items[0]!.action).toBe('unchanged');
    expect(p.lock.changes).toEqual([]);
  });

  it('updates a folder that is exactly what was installed, file by file', () => {
    const p = plan({ targets: [target(installed(OLD, 'OLDHASH'))], lock: lockWith('OLDHASH') });
    expect(p.items[0]).toMatchObject({ action: 'update', replaces: 'dir' });
    expect(p.items[0]!.backup).toBeUndefined();
    expect(p.items[0]!.files.map((f) => `${f.change} ${f.path}`)).toEqual(['replace SKILL.md', 'delete old.md', 'add references', 'add references/a.md']);
    expect(p.lock.changes).toEqual([{ skill: 'alpha', change: 'update' }]);
  });

  it('never replaces local edits without force; with force it names a backup', () => {
    const edited = target(installed(OLD, 'EDITED'));
    const p = plan({ targets: [edited], lock: lockWith('OLDHASH') });
    expect(p.items[0]).toMatchObject({ action: 'conflict' });
    expect(p.items[0]!.reason).toMatch(/changed after it was installed/);
    expect(p.items[0]!.hint).toMatch(/--force/);
    expect(p.lock.changes).toEqual([]);
    const forced = plan({ targets: [edited], lock: lockWith('OLDHASH'), force: true });
    expect(forced.items[0]).toMatchObject({ action: 'update', replaces: 'dir', backup: path.join('/p/.claude/skills', '.vibe-skills-backups', 'alpha-STAMP') });
  });

  it('treats a folder with no lock entry as someone else\'s', () => {
    const p = plan({ targets: [target(installed(OLD, 'X'))] });
    expect(p.items[0]!.action).toBe('conflict');
    expect(p.items[0]!.reason).toMatch(/no lock entry/);
  });

  it('counts a node_modules folder inside an installed skill as a local change', () => {
    const p = plan({ targets: [target(installed(OLD, 'OLDHASH', { unhashed: [{ kind: 'other', path: 'node_modules', what: 'node_modules folder' }] }))], lock: lockWith('OLDHASH') });
    expect(p.items[0]!.action).toBe('conflict');
  });

  it('refuses folders that resolve outside their root and targets inside the source', () => {
    const outside = target();
    outside.folder.refused = '/p/.claude/skills resolves to /etc/skills, outside /p';
    expect(plan({ targets: [outside] }).items[0]).toMatchObject({ action: 'refused' });
    expect(plan({ targets: [target(undefined, SRC)] }).items[0]).toMatchObject({ action: 'refused' });
    expect(plan({ targets: [target(undefined, '/src/skills')] }).items[0]).toMatchObject({ action: 'refused' });
  });

  it('replaces a link with a copy (a link holds no data), but keeps a working link to the same content', () => {
    const link: InstalledState = { kind: 'symlink', target: '../../.agents/skills/alpha', resolved: '/p/.agents/skills/alpha', tree: { entries: OLD, hash: 'h', unhashed: [], truncated: false } };
    expect(plan({ targets: [target(link)], lock: lockWith('h') }).items[0]).toMatchObject({ action: 'update', replaces: 'symlink' });
    // No lock entry accounts for it: the user's own link (a skill in development), replaced only with --force.
    expect(plan({ targets: [target(link)] }).items[0]).toMatchObject({ action: 'conflict', reason: expect.stringMatching(/your own link/) });
    expect(plan({ targets: [target(link)], force: true }).items[0]).toMatchObject({ action: 'update', replaces: 'symlink', backup: expect.stringContaining('.vibe-skills-backups') });
    const same: InstalledState = { ...link, tree: { entries, hash: 'NEW', unhashed: [], truncated: false } };
    expect(plan({ targets: [target(same)] }).items[0]!.action).toBe('unchanged');
  });

  it('in symlink mode links other folders to the shared copy, and refuses links when the copy cannot go in', () => {
    const canonical = target(undefined, '/p/.agents/skills');
    const linkT: PlanTarget = { ...target(), mode: 'link', canonicalRealDir: '/p/.agents/skills' };
    const p = plan({ targets: [canonical, linkT] });
    expect(p.items.map((i) => [i.mode, i.action, i.linkTarget])).toEqual([
      ['copy', 'create', undefined],
      ['link', 'create', '../../.agents/skills/alpha'],
    ]);
    const blocked = plan({ targets: [target(installed(OLD, 'EDITED'), '/p/.agents/skills'), linkT], lock: lockWith('OLDHASH') });
    expect(blocked.items.map((i) => i.action)).toEqual(['conflict', 'refused']);
  });

  it('warns about version fit, naming both versions', () => {
    const s: PlanSkill = { ...skill, claims: [{ field: 'compatibility', text: 'inngest 4.x', pos: { line: 4, column: 16 } }] };
    const p = plan({ skills: [s], deps: { ranges: new Map([['inngest', '^3.2.0']]) } });
    expect(p.warnings).toEqual([
      expect.objectContaining({ ruleId: 'version-fit', severity: 'warning', file: 'skills/alpha/SKILL.md', line: 4, column: 16, message: expect.stringMatching(/inngest 4\.x.*inngest \^3\.2\.0/) }),
    ]);
  });
});
