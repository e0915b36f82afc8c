import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLock, globalLockPath, lockEntry, parseLock, portableLocalSource, serializeLock, withEntry, withoutEntry } from '../../src/install/lock.js';

const file = path.join('/proj', 'skills-lock.json');

describe('skills-lock.json', () => {
  it('writes exactly the `skills` CLI format: version 1, sorted skills, source relative, final newline', () => {
    let lock = emptyLock('project', file);
    lock = withEntry(lock, 'zeta', { source: '/proj/vendor/pack', hash: 'b'.repeat(64), now: 'x' });
    lock = withEntry(lock, 'alpha', { source: '/elsewhere/pack', hash: 'a'.repeat(64), now: 'x' });
    expect(serializeLock(lock)).toBe(
      `{\n  "version": 1,\n  "skills": {\n    "alpha": {\n      "source": "../elsewhere/pack",\n      "sourceType": "local",\n      "computedHash": "${'a'.repeat(64)}"\n    },\n    "zeta": {\n      "source": "./vendor/pack",\n      "sourceType": "local",\n      "computedHash": "${'b'.repeat(64)}"\n    }\n  }\n}\n`,
    );
  });

  it('keeps entries written by other tools untouched, unknown fields included', () => {
    const text = JSON.stringify({ version: 1, skills: { other: { source: 'owner/repo', ref: 'main', sourceType: 'github', skillPath: 'skills/other/SKILL.md', computedHash: 'c' } } });
    const parsed = parseLock('project', file, text, 'skills-lock.json');
    if (!('lock' in parsed)) throw new Error('expected a lock');
    const next = withoutEntry(withEntry(parsed.lock, 'mine', { source: '/proj', hash: 'd', now: 'x' }), 'nothing');
    expect(JSON.parse(serializeLock(next)).skills.other).toEqual({ source: 'owner/repo', ref: 'main', sourceType: 'github', skillPath: 'skills/other/SKILL.md', computedHash: 'c' });
    expect(lockEntry(next, 'mine')).toEqual({ name: 'mine', source: '.', sourceType: 'local', hash: 'd', localSource: '/proj' });
  });

  it('reports a broken lock file with its line and column instead of replacing it', () => {
    const r = parseLock('project', file, '{\n  "version": 1,\n  "skills": {,}\n}\n', 'skills-lock.json');
    expect('error' in r && r.error).toMatchObject({ ruleId: 'lock-file', severity: 'error', file: 'skills-lock.json', line: 3, column: 14 });
    const v = parseLock('project', file, '{"version": 2, "skills": {}}', 'skills-lock.json');
    expect('error' in v && v.error.message).toMatch(/version 2/);
    const shape = parseLock('project', file, '[]', 'skills-lock.json');
    expect('error' in shape && shape.error.message).toMatch(/not a skills lock file/);
  });

  it('writes the global lock (v3) with timestamps, keeping installedAt on update', () => {
    let lock = emptyLock('global', '/h/.agents/.skill-lock.json');
    lock = withEntry(lock, 'a', { source: '/src', hash: 'e', now: 'T1' });
    lock = withEntry(lock, 'a', { source: '/src', hash: 'f', now: 'T2' });
    expect(JSON.parse(serializeLock(lock))).toEqual({
      version: 3,
      skills: { a: { source: '/src', sourceType: 'local', sourceUrl: '/src', skillFolderHash: 'f', installedAt: 'T1', updatedAt: 'T2' } },
      dismissed: {},
    });
    expect(serializeLock(lock).endsWith('\n')).toBe(false);
  });

  it('puts the global lock where the `skills` CLI does', () => {
    expect(globalLockPath('/h', {})).toBe(path.join('/h', '.agents', '.skill-lock.json'));
    expect(globalLockPath('/h', { XDG_STATE_HOME: '/state' })).toBe(path.join('/state', 'skills', '.skill-lock.json'));
  });

  it('makes local sources portable like the `skills` CLI', () => {
    expect(portableLocalSource('/proj', '/proj')).toBe('.');
    expect(portableLocalSource('/proj/a/b', '/proj')).toBe('./a/b');
    expect(portableLocalSource('/other', '/proj')).toBe('../other');
  });
});
