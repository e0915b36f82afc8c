import { spawnSync } from 'node:child_process';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireMutex, MutexForeignHostError, MutexTimeoutError } from '../../src/install/mutex.js';
import { exists, Temp } from './fixtures.js';

const temp = new Temp();
afterEach(() => temp.cleanup());

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('per-project mutex', () => {
  it('is exclusive while held and free after release', async () => {
    const file = path.join(await temp.tree({}), 'skills-lock.json.vibe-lock');
    const a = await acquireMutex(file);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(acquireMutex(file, { timeoutMs: 50 })).rejects.toBeInstanceOf(MutexTimeoutError);
    await a.release();
    expect(await exists(file)).toBe(false);
    const b = await acquireMutex(file, { timeoutMs: 50 });
    await b.release();
  });

  it('says once who holds it when it has to wait (the CLI prints it), and nothing when it is free', async () => {
    const file = path.join(await temp.tree({}), 'skills-lock.json.vibe-lock');
    const waits: string[] = [];
    const a = await acquireMutex(file, { onWait: (owner) => waits.push(owner) });
    expect(waits).toEqual([]);
    await expect(acquireMutex(file, { timeoutMs: 300, onWait: (owner) => waits.push(owner) })).rejects.toBeInstanceOf(MutexTimeoutError);
    expect(waits).toEqual([`pid ${process.pid} on ${hostname()}`]);
    await a.release();
    // A lock that cannot be read (junk, or its writer died mid-write) is waited for until it is old enough to break.
    await writeFile(file, 'junk');
    waits.length = 0;
    await expect(acquireMutex(file, { timeoutMs: 100, onWait: (owner) => waits.push(owner) })).rejects.toBeInstanceOf(MutexTimeoutError);
    expect(waits).toEqual(['an unreadable lock, taken as left over 30 s after it was written']);
  });

  it('breaks a lock whose owner died, and one left half-written long ago', async () => {
    const dir = await temp.tree({});
    const file = path.join(dir, 'l.vibe-lock');
    await writeFile(file, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'x' }));
    const m = await acquireMutex(file, { timeoutMs: 50 });
    await m.release();
    await writeFile(file, '{"pid": 12');
    await expect(acquireMutex(file, { timeoutMs: 50 })).rejects.toBeInstanceOf(MutexTimeoutError);
    const old = new Date(Date.now() - 3600_000);
    await utimes(file, old, old);
    const n = await acquireMutex(file, { timeoutMs: 50 });
    await n.release();
  });

  it('never breaks a live owner\'s lock, nor one from another host', async () => {
    const file = path.join(await temp.tree({}), 'l.vibe-lock');
    await writeFile(file, JSON.stringify({ pid: process.ppid, host: hostname(), token: 'x' }));
    await expect(acquireMutex(file, { timeoutMs: 50 })).rejects.toThrow(/holds/);
    // Another host's lock cannot be checked from here: an error at once (no timeoutMs: the
    // default is minutes, which this must not wait for), and the lock stays.
    await writeFile(file, JSON.stringify({ pid: deadPid(), host: `${hostname()}-elsewhere`, token: 'x' }));
    await expect(acquireMutex(file)).rejects.toBeInstanceOf(MutexForeignHostError);
    expect(await exists(file)).toBe(true);
  });

  it('release leaves a lock that is no longer ours alone', async () => {
    const file = path.join(await temp.tree({}), 'l.vibe-lock');
    const m = await acquireMutex(file);
    await writeFile(file, JSON.stringify({ pid: process.ppid, host: hostname(), token: 'someone-else' }));
    await m.release();
    expect(await exists(file)).toBe(true);
  });
});
