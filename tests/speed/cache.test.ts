/**
 * The --cache store: round trips, never stale, corrupt and foreign files, atomic saves.
 * Real temp directories, real files.
 */
import { Dirent } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FORMAT, cacheKey, fingerprintSkill, hashContent, openCache, RACY_MS, type CachedSkill, type SkillFingerprintInput } from '../../src/lint/cache.js';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vibe-cache-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const KEY = cacheKey({ version: '1.0.0', rules: { 'name-format': 'error' } });

function result(name: string): CachedSkill {
  return {
    diagnostics: [
      { ruleId: 'name-format', severity: 'error', message: `bad name ${name}`, file: `skills/${name}/SKILL.md`, line: 2, column: 7, hint: 'fix it' },
      { ruleId: 'body-length', severity: 'warning', message: 'long', file: `skills/${name}/SKILL.md`, line: 0, column: 0, endLine: 3, endColumn: 1 },
    ],
    summary: {
      file: `skills/${name}/SKILL.md`,
      dir: `/repo/skills/${name}`,
      folderName: name,
      name,
      namePos: { line: 2, column: 7 },
      description: 'Does things. Use when testing.',
      descriptionPos: { line: 3, column: 14 },
      references: [{ name: 'other', line: 20, column: 4, section: 'Composes With' }],
    },
  };
}

function input(over: Partial<SkillFingerprintInput> = {}): SkillFingerprintInput {
  return {
    file: 'skills/a/SKILL.md',
    contentHash: hashContent(Buffer.from('---\nname: a\ndescription: x\n---\n# A\n')),
    files: ['SKILL.md', 'references/', 'references/x.md'],
    symlinks: [],
    filesTruncated: false,
    ...over,
  };
}

describe('fingerprintSkill', () => {
  it('is equal for equal inputs and differs for every input part', () => {
    const base = fingerprintSkill(input());
    expect(fingerprintSkill(input())).toBe(base);
    const variants: Partial<SkillFingerprintInput>[] = [
      { contentHash: hashContent(Buffer.from('---\nname: b\ndescription: x\n---\n# A\n')) }, // same size, one byte differs
      { file: 'other/a/SKILL.md' },
      { files: ['SKILL.md', 'references/', 'references/y.md'] },
      { files: ['SKILL.md', 'references/', 'references/x.md', 'scripts/'] },
      { symlinks: [{ path: 'link', target: '/etc/passwd', inside: false }] },
      { filesTruncated: true },
      // Length prefixes: moving a boundary between two names is a different listing.
      { files: ['SKILL.md', 'references/', 'references/', 'x.md'] },
    ];
    const seen = new Set([base]);
    for (const v of variants) {
      const f = fingerprintSkill(input(v));
      expect(seen.has(f), JSON.stringify(v)).toBe(false);
      seen.add(f);
    }
    const a = fingerprintSkill(input({ symlinks: [{ path: 'l', target: '/x', inside: true }] }));
    const b = fingerprintSkill(input({ symlinks: [{ path: 'l', target: '/x', inside: false }] }));
    expect(a).not.toBe(b);
  });

  it('sees an edit that keeps size and mtime (where stat-based caches go stale)', async () => {
    const file = path.join(tmp, 'SKILL.md');
    const when = 1_700_000_000; // whole seconds: exactly representable on every file system
    await writeFile(file, 'name: aaaa\n');
    await utimes(file, when, when);
    const before = await stat(file);
    const fp1 = fingerprintSkill(input({ contentHash: hashContent(await readFile(file)) }));
    await writeFile(file, 'name: bbbb\n');
    await utimes(file, when, when);
    const after = await stat(file);
    expect(after.size).toBe(before.size);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    const fp2 = fingerprintSkill(input({ contentHash: hashContent(await readFile(file)) }));
    expect(fp2).not.toBe(fp1);
  });
});

describe('cacheKey', () => {
  it('ignores key order, Set order and undefined members, and sees every value', () => {
    const a = cacheKey({ version: '1', rules: { x: 'error', y: 'off' }, external: new Set(['p', 'q']), extra: undefined });
    const b = cacheKey({ external: new Set(['q', 'p']), rules: { y: 'off', x: 'error' }, version: '1' });
    expect(a).toBe(b);
    expect(cacheKey({ version: '2', rules: { x: 'error', y: 'off' }, external: new Set(['p', 'q']) })).not.toBe(a);
    expect(cacheKey({ version: '1', rules: { x: 'warning', y: 'off' }, external: new Set(['p', 'q']) })).not.toBe(a);
    expect(cacheKey({ version: '1', rules: { x: 'error', y: 'off' }, external: new Set(['p']) })).not.toBe(a);
  });
});

describe('openCache', () => {
  it('round-trips entries through save and reopen', () => {
    const file = path.join(tmp, 'sub', 'dir', '.vibe-skills-cache');
    const c1 = openCache(file, KEY);
    expect(c1.discarded).toBeUndefined();
    expect(c1.get('/repo/skills/a/SKILL.md', 'h1')).toBeUndefined();
    c1.set('/repo/skills/a/SKILL.md', 'h1', result('a'));
    c1.set('/repo/skills/b/SKILL.md', 'h2', result('b'));
    expect(c1.save()).toEqual({ ok: true, written: true });

    const c2 = openCache(file, KEY);
    expect(c2.discarded).toBeUndefined();
    expect(c2.get('/repo/skills/a/SKILL.md', 'h1')).toEqual(result('a'));
    expect(c2.get('/repo/skills/b/SKILL.md', 'h2')).toEqual(result('b'));
    // A changed fingerprint is a miss, never the old result.
    expect(c2.get('/repo/skills/a/SKILL.md', 'h1-changed')).toBeUndefined();
    expect(c2.stats).toEqual({ hits: 2, misses: 1 });
    // Nothing changed: nothing to write.
    expect(c2.save()).toEqual({ ok: true, written: false });
  });

  it('drops everything when the key (version or configuration) changes', () => {
    const file = path.join(tmp, 'cache');
    const c1 = openCache(file, KEY);
    c1.set('/s/SKILL.md', 'h', result('s'));
    c1.save();
    const c2 = openCache(file, cacheKey({ version: '1.0.1' }));
    expect(c2.discarded).toMatch(/version or the configuration changed/);
    expect(c2.get('/s/SKILL.md', 'h')).toBeUndefined();
    expect(c2.save()).toEqual({ ok: true, written: true });
    expect(openCache(file, KEY).get('/s/SKILL.md', 'h')).toBeUndefined();
  });

  it('ignores a corrupt cache of its own and overwrites it', async () => {
    const file = path.join(tmp, 'cache');
    const c1 = openCache(file, KEY);
    c1.set('/s/SKILL.md', 'h', result('s'));
    c1.save();
    const full = await readFile(file, 'utf8');
    await writeFile(file, full.slice(0, Math.floor(full.length / 2))); // torn write from an old crash
    const c2 = openCache(file, KEY);
    expect(c2.discarded).toMatch(/corrupt/);
    expect(c2.get('/s/SKILL.md', 'h')).toBeUndefined();
    c2.set('/s/SKILL.md', 'h', result('s'));
    expect(c2.save().ok).toBe(true);
    expect(openCache(file, KEY).get('/s/SKILL.md', 'h')).toEqual(result('s'));
  });

  it('treats damaged entries as misses and drops them', async () => {
    const file = path.join(tmp, 'cache');
    const good = result('g');
    // Records are flat arrays (layout in src/lint/cache.ts): damage one field each.
    const damage: Array<(rec: unknown[]) => unknown> = [
      (r) => ((r[17] = 'not an array'), r), // diagnostics
      (r) => (((r[17] as unknown[])[1] = 'fatal'), r), // severity
      (r) => (((r[17] as unknown[])[4] = -1), r), // line
      (r) => ((r[17] as unknown[]).pop(), r), // a diagnostic cut short
      (r) => (((r[16] as unknown[])[0] = 1), r), // reference name
      (r) => ((r[10] = null), r), // skill name
      (r) => ((r[11] = 2.5), r), // name line
      (r) => ((r[7] = 10_000), r), // display path: more to drop than the path has
      (r) => ((r[1] = 42), r), // fingerprint
      (r) => (r.pop(), r), // record cut short
      () => 'just a string',
    ];
    const c1 = openCache(file, KEY);
    c1.set('/good/SKILL.md', 'h', good);
    damage.forEach((_, i) => c1.set(`/bad${i}/SKILL.md`, 'h', good));
    c1.save();
    // Undamaged, every one of them is a hit.
    damage.forEach((_, i) => expect(openCache(file, KEY).get(`/bad${i}/SKILL.md`, 'h')).toEqual(good));
    const stored = JSON.parse(await readFile(file, 'utf8')) as { skills: unknown[][] };
    stored.skills = stored.skills.map((r) => {
      const i = /^\/bad(\d+)\//.exec(String(r[0]));
      return i ? (damage[Number(i[1])]!(r) as unknown[]) : r;
    });
    await writeFile(file, `{"vibeSkillsCache":${CACHE_FORMAT},${JSON.stringify(stored).slice(1)}`);

    const c = openCache(file, KEY);
    expect(c.discarded).toBeUndefined();
    expect(c.get('/good/SKILL.md', 'h')).toEqual(good);
    damage.forEach((_, i) => expect(c.get(`/bad${i}/SKILL.md`, 'h'), `bad${i}`).toBeUndefined());
    expect(c.save()).toEqual({ ok: true, written: true });
    const after = JSON.parse(await readFile(file, 'utf8')) as { skills: unknown[][] };
    expect(after.skills.map((r) => r[0])).toEqual(['/good/SKILL.md']);
  });

  it('ignores a cache of another format and replaces it', async () => {
    const file = path.join(tmp, 'cache');
    for (const other of [
      `{"vibeSkillsCache":1,"key":${JSON.stringify(KEY)},"entries":{"/s/SKILL.md":{"h":"h","d":[],"s":{}}},"dirs":{}}`,
      `{"vibeSkillsCache":${CACHE_FORMAT + 1},"key":${JSON.stringify(KEY)},"skills":[["/s/SKILL.md","h"]],"dirs":[]}`,
    ]) {
      await writeFile(file, other);
      const c = openCache(file, KEY);
      expect(c.discarded).toMatch(/another cache format/);
      expect(c.get('/s/SKILL.md', 'h')).toBeUndefined();
      c.set('/s/SKILL.md', 'h', result('s'));
      expect(c.save()).toEqual({ ok: true, written: true });
      expect(await readFile(file, 'utf8')).toMatch(new RegExp(`^\\{"vibeSkillsCache":${CACHE_FORMAT},`));
      expect(openCache(file, KEY).get('/s/SKILL.md', 'h')).toEqual(result('s'));
    }
  });

  it('never overwrites a file that is not a cache', async () => {
    const file = path.join(tmp, 'package.json');
    const original = '{\n  "name": "precious"\n}\n';
    await writeFile(file, original);
    const c = openCache(file, KEY);
    expect(c.discarded).toMatch(/not a vibe-skills cache/);
    c.set('/s/SKILL.md', 'h', result('s'));
    const saved = c.save();
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.message).toContain(file);
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('refuses a foreign file that appears after opening', async () => {
    const file = path.join(tmp, 'cache');
    const c = openCache(file, KEY);
    c.set('/s/SKILL.md', 'h', result('s'));
    await writeFile(file, 'someone else wrote this');
    expect(c.save().ok).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('someone else wrote this');
  });

  it('does not follow a symlink at the cache location to a foreign file', async () => {
    const target = path.join(tmp, 'precious.txt');
    await writeFile(target, 'precious');
    const file = path.join(tmp, 'cache');
    await symlink(target, file);
    const c = openCache(file, KEY);
    c.set('/s/SKILL.md', 'h', result('s'));
    expect(c.save().ok).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
  });

  it('reports, never throws, when the location is a directory or cannot be created', async () => {
    const dir = path.join(tmp, 'a-dir');
    await mkdir(dir);
    const c1 = openCache(dir, KEY);
    expect(c1.discarded).toMatch(/not a regular file/);
    c1.set('/s/SKILL.md', 'h', result('s'));
    expect(c1.save().ok).toBe(false);

    const plain = path.join(tmp, 'plain-file');
    await writeFile(plain, 'x');
    const c2 = openCache(path.join(plain, 'cache'), KEY); // parent is a file: ENOTDIR
    expect(c2.discarded).toMatch(/could not be read \(ENOTDIR\)/);
    c2.set('/s/SKILL.md', 'h', result('s'));
    const saved = c2.save();
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.message).toMatch(/could not (write|be checked)/);
  });

  it('saves atomically: a new inode via rename, no temp files left behind', async () => {
    const file = path.join(tmp, 'cache');
    const c1 = openCache(file, KEY);
    c1.set('/s/SKILL.md', 'h', result('s'));
    c1.save();
    const ino1 = (await stat(file)).ino;
    const c2 = openCache(file, KEY);
    c2.set('/t/SKILL.md', 'h', result('t'));
    expect(c2.save()).toEqual({ ok: true, written: true });
    expect((await stat(file)).ino).not.toBe(ino1);
    expect(await readdir(tmp)).toEqual(['cache']);
    // Both entries survive: /s was not used in run 2 but is kept for other roots.
    const c3 = openCache(file, KEY);
    expect(c3.get('/s/SKILL.md', 'h')).toEqual(result('s'));
    expect(c3.get('/t/SKILL.md', 'h')).toEqual(result('t'));
  });

  it('keeps the file valid when two runs save one after the other from the same start', () => {
    const file = path.join(tmp, 'cache');
    const a = openCache(file, KEY);
    const b = openCache(file, KEY);
    a.set('/a/SKILL.md', 'h', result('a'));
    b.set('/b/SKILL.md', 'h', result('b'));
    expect(a.save().ok).toBe(true);
    expect(b.save().ok).toBe(true);
    const c = openCache(file, KEY);
    expect(c.discarded).toBeUndefined();
    // Last writer wins; a lost entry is only a miss next time, never a wrong result.
    expect(c.get('/b/SKILL.md', 'h')).toEqual(result('b'));
  });

  it('stores paths that look like prototype keys as plain data', () => {
    const file = path.join(tmp, 'cache');
    const c1 = openCache(file, KEY);
    c1.set('__proto__', 'h', result('p'));
    c1.set('constructor', 'h', result('c'));
    c1.save();
    const c2 = openCache(file, KEY);
    expect(c2.get('__proto__', 'h')).toEqual(result('p'));
    expect(c2.get('constructor', 'h')).toEqual(result('c'));
    expect(c2.get('toString', 'h')).toBeUndefined();
  });

  it('round-trips every shape of result exactly', () => {
    const file = path.join(tmp, 'cache');
    const shapes: Record<string, CachedSkill> = {
      // No name, description or positions; nothing to reference; no diagnostics.
      '/r/bare/SKILL.md': { diagnostics: [], summary: { file: 'bare/SKILL.md', dir: '/r/bare', folderName: 'bare', references: [] } },
      // Display path outside the working directory (absolute), a folder name that is not the
      // folder's (derived values are not assumed), a diagnostic on another file, every optional field.
      '/r/odd/SKILL.md': {
        diagnostics: [
          { ruleId: 'x', severity: 'warning', message: 'm', file: '/r/odd/SKILL.md', line: 0, column: 0 },
          { ruleId: 'y', severity: 'error', message: '', file: 'elsewhere/references/a.md', line: 3, column: 1, endLine: 4, endColumn: 0, hint: '' },
        ],
        summary: { file: '/r/odd/SKILL.md', dir: '/somewhere/else', folderName: 'not-odd', name: '', namePos: { line: 1, column: 1 }, references: [] },
      },
      // A display path that is not the end of the SKILL.md path (Windows separators).
      '/r/win/SKILL.md': {
        diagnostics: [{ ruleId: 'z', severity: 'error', message: 'w', file: 'r\\win\\SKILL.md', line: 1, column: 2, endColumn: 9 }],
        summary: { file: 'r\\win\\SKILL.md', dir: '/r/win', folderName: 'win', description: 'd', descriptionPos: { line: 0, column: 0 }, references: [] },
      },
    };
    const c1 = openCache(file, KEY);
    for (const [k, r] of Object.entries(shapes)) c1.set(k, 'h', r);
    c1.save();
    const c2 = openCache(file, KEY);
    for (const [k, r] of Object.entries(shapes)) {
      // Strict: no keys with undefined values either.
      expect(c2.get(k, 'h'), k).toStrictEqual(r);
    }
  });

  it('keeps a SKILL.md stamp only when it was trusted, and writes nothing when a re-read changes nothing', async () => {
    const file = path.join(tmp, 'cache');
    const skillMd = path.join(tmp, 'SKILL.md');
    const when = 1_700_000_000; // whole seconds: restorable exactly after the edit below
    await writeFile(skillMd, '---\nname: a\n---\n');
    await utimes(skillMd, when, when);
    const st = await lstat(skillMd);
    const taken = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
    const content = { hash: hashContent(await readFile(skillMd)) };
    // Taken right after the write: a change in the same clock tick could keep these stamps.
    const racy = { ...content, stamp: { ...taken, at: st.ctimeMs + 1 } };
    // As if taken later (the files had aged): it may prove "unchanged".
    const aged = { ...content, stamp: { ...taken, at: st.ctimeMs + RACY_MS + 1 } };

    const c1 = openCache(file, KEY);
    c1.set(skillMd, 'h', result('a'), racy);
    c1.save();
    const c2 = openCache(file, KEY);
    expect(c2.unchangedContent(skillMd)).toBeUndefined();
    expect(c2.get(skillMd, 'h')).toEqual(result('a'));
    c2.restamp(skillMd, racy); // still racy: nothing new to record
    expect(c2.save()).toEqual({ ok: true, written: false });
    c2.restamp(skillMd, aged);
    expect(c2.save()).toEqual({ ok: true, written: true });

    const c3 = openCache(file, KEY);
    expect(c3.unchangedContent(skillMd)).toBe(content.hash);
    c3.restamp(skillMd, aged);
    expect(c3.get(skillMd, 'h')).toEqual(result('a'));
    expect(c3.save()).toEqual({ ok: true, written: false });

    // Same size, mtime restored: the ctime moved, so the stamp proves nothing any more.
    await writeFile(skillMd, '---\nname: b\n---\n');
    await utimes(skillMd, when, when);
    expect((await lstat(skillMd)).mtimeMs).toBe(st.mtimeMs);
    expect(openCache(file, KEY).unchangedContent(skillMd)).toBeUndefined();
  });

  it('answers aged, unchanged folders from snapshots, lists changed ones again, and writes only on change', async () => {
    const file = path.join(tmp, 'cache');
    const root = path.join(tmp, 'repo');
    const skills = path.join(root, 'skills');
    await mkdir(path.join(skills, 'a', 'references'), { recursive: true });
    await mkdir(path.join(skills, 'b'));
    await writeFile(path.join(skills, 'a', 'SKILL.md'), 'a');
    await writeFile(path.join(skills, 'a', 'references', 'x.md'), 'x');
    await writeFile(path.join(skills, 'b', 'SKILL.md'), 'b');
    await symlink('a', path.join(skills, 'link'));
    const folders = [skills, path.join(skills, 'a'), path.join(skills, 'a', 'references'), path.join(skills, 'b')];
    const listing = (entries: readonly { name: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }[]) =>
      entries.map((e) => `${e.isFile() ? 'f' : e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'o'}${e.name}`).sort();
    const fromSnapshot = (entries: readonly object[]) => entries.length > 0 && entries.every((e) => !(e instanceof Dirent));

    // Younger than RACY_MS: listed, not recorded (the next run could not trust it).
    const c0 = openCache(file, KEY);
    for (const f of folders) c0.readDir(f);
    c0.save();
    const c1 = openCache(file, KEY);
    for (const f of folders) expect(fromSnapshot(c1.readDir(f)), f).toBe(false);
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    const c2 = openCache(file, KEY);
    for (const f of folders) expect(fromSnapshot(c2.readDir(f)), f).toBe(false);
    expect(c2.save()).toEqual({ ok: true, written: true });
    // Stored as a tree: one absolute path, the rest names under their parent.
    const stored = JSON.parse(await readFile(file, 'utf8')) as { dirs: unknown[][] };
    expect(stored.dirs.map((d) => d[0] === -1)).toEqual([true, false, false, false]);

    const c3 = openCache(file, KEY);
    for (const f of folders) {
      const entries = c3.readDir(f);
      expect(fromSnapshot(entries), f).toBe(true);
      expect(listing(entries), f).toEqual(listing(await readdir(f, { withFileTypes: true })));
    }
    expect(c3.save()).toEqual({ ok: true, written: false });

    // A new file in references/: only that folder changed; a renamed skill folder: skills/ changed.
    await writeFile(path.join(skills, 'a', 'references', 'y.md'), 'y');
    await rename(path.join(skills, 'b'), path.join(skills, 'c'));
    const c4 = openCache(file, KEY);
    expect(listing(c4.readDir(path.join(skills, 'a', 'references')))).toEqual(['fx.md', 'fy.md']);
    expect(listing(c4.readDir(skills))).toEqual(['da', 'dc', 'llink']);
    expect(fromSnapshot(c4.readDir(path.join(skills, 'a')))).toBe(true);
    expect(fromSnapshot(c4.readDir(path.join(skills, 'c')))).toBe(false);
    expect(() => c4.readDir(path.join(skills, 'b'))).toThrow(/ENOENT/);
  }, 20_000);
});
