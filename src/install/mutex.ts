/**
 * One install, remove or recovery at a time per lock file: a lock file created with O_EXCL
 * (`wx`) holding the owner's pid and host. A second process waits; a lock whose owner is
 * dead (same host, pid gone) is stale and is broken; one held on another host is an error at once.
 *
 * Breaking is done by renaming the stale file to a unique name and re-checking what was
 * renamed: if, in between, another process had broken it and taken the lock, we renamed a
 * live lock, so we put it back with `link` (which fails rather than overwrite) and wait.
 */
import { hostname, uptime } from 'node:os';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { testPause } from './test-hook.js';
import { readRegularFile } from './tree.js';

/**
 * The text of a lock file. Never through a link, nor from a FIFO or device (a repository can
 * carry `skills-lock.json.vibe-lock -> /dev/stdin`, and reading it would hang): those throw,
 * as does a file larger than any owner record.
 */
async function readOwnerFile(file: string): Promise<string> {
  return (await readRegularFile(file, 64 * 1024, { follow: false })).toString('utf8');
}

export interface MutexOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock file with unreadable content older than this is stale (its writer died mid-write). */
  garbageAfterMs?: number;
  /** Called once, when the lock is found held and this run starts to wait for it: who holds it. */
  onWait?: (owner: string) => void;
}

export interface Mutex {
  path: string;
  release(): Promise<void>;
}

export class MutexTimeoutError extends Error {
  constructor(
    readonly file: string,
    readonly owner: string,
  ) {
    super(`another vibe-skills process (${owner}) holds ${file}`);
    this.name = 'MutexTimeoutError';
  }
}

/**
 * The lock is held on another host: whether that process still runs cannot be checked from
 * here, so waiting could only end in the same error minutes later (a killed container whose
 * successor has a new hostname, a lock file committed by mistake). Thrown at once.
 */
export class MutexForeignHostError extends MutexTimeoutError {
  constructor(
    file: string,
    readonly host: string,
    pid: number,
  ) {
    super(file, `pid ${pid} on ${host}`);
    this.name = 'MutexForeignHostError';
  }
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') return o as Owner;
  } catch {
    /* partial write */
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it just is not ours.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function isStale(file: string, text: string, garbageAfterMs: number): Promise<boolean> {
  const owner = parseOwner(text);
  if (owner === null) {
    const st = await stat(file).catch(() => undefined);
    return st !== undefined && Date.now() - st.mtimeMs > garbageAfterMs;
  }
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  if (!alive(owner.pid)) return true;
  // Written before the machine last booted: its pid now belongs to some other process.
  const st = await stat(file).catch(() => undefined);
  return st !== undefined && st.mtimeMs < Date.now() - uptime() * 1000;
}

async function breakStale(file: string, seen: string, garbageAfterMs: number): Promise<void> {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = await readOwnerFile(aside).catch(() => '');
  if (moved === seen || (await isStale(aside, moved, garbageAfterMs))) {
    await unlink(aside).catch(() => undefined);
    return;
  }
  // We moved a live lock: restore it unless a third process already holds the name.
  await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

export async function acquireMutex(file: string, options: MutexOptions = {}): Promise<Mutex> {
  const timeoutMs = options.timeoutMs ?? 2 * 60_000;
  const garbageAfterMs = options.garbageAfterMs ?? 30_000;
  const token = randomBytes(8).toString('hex');
  const body = JSON.stringify({ pid: process.pid, host: hostname(), token, started: new Date().toISOString() });
  const start = Date.now();
  let wait = 10;
  let reported = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        path: file,
        release: async () => {
          // Only remove the lock if it is still ours.
          const now = await readOwnerFile(file).catch(() => '');
          if (parseOwner(now)?.token === token) await unlink(file).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // Released meanwhile (ENOENT): try again at once. Anything else (a folder, another user's
    // unreadable file) will not change by waiting: the caller says what it is.
    const text = await readOwnerFile(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (text === null) continue;
    if (await isStale(file, text, garbageAfterMs)) {
      await breakStale(file, text, garbageAfterMs);
      continue;
    }
    const owner = parseOwner(text);
    if (owner !== null && owner.host !== hostname()) throw new MutexForeignHostError(file, owner.host, owner.pid);
    if (!reported) {
      reported = true;
      options.onWait?.(owner ? `pid ${owner.pid} on ${owner.host}` : `an unreadable lock, taken as left over ${Math.round(garbageAfterMs / 1000)} s after it was written`);
      await testPause('lock-busy');
    }
    if (Date.now() - start > timeoutMs) {
      const o = parseOwner(text);
      throw new MutexTimeoutError(file, o ? `pid ${o.pid} on ${o.host}` : 'unknown owner');
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 250);
  }
}
