/**
 * Linting a large tree on several cores (`--threads n`, off by default). The main thread and
 * worker threads take skills from one shared counter (Atomics), so a worker that starts late, or
 * a core that is busy, simply takes fewer; results are put back in discovery order, so the
 * output is byte-identical to a run on one thread.
 *
 * Off by default because it did not pay where it was measured: on 2 cores, 10,000 skills took
 * about as long on two threads as on one (2.24 s vs 2.31 s) for 1 s more CPU — V8's garbage
 * collector and compiler threads already use the second core, and a worker costs ~50 ms and
 * ~15 MB to start and runs its first hundreds of skills unoptimised. Machines with more cores
 * may gain; measure with `npm run bench`. If a worker cannot start or fails, the main thread
 * lints whatever the worker did not return: never a lost skill, never an exception.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SkillSummary } from '../skill/model.js';
import { openSkill, readSkillInto, summarize, type DirEntry } from '../skill/read.js';
import type { Diagnostic, SeveritySetting } from '../types.js';
import { allRules } from './rules/index.js';
import { runSkillRules } from './runner.js';
import type { SkillRule } from './types.js';

/** Below this many skills one thread is faster whatever --threads says (start-up outweighs the work). */
export const PARALLEL_MIN_SKILLS = 500;
/**
 * Workers at most, whatever the machine or --threads: each costs ~15 MB and start-up time, and
 * all share one disk. (Measured here on 2 cores only; the cap keeps big CI machines sane.)
 */
const MAX_WORKERS = 7;

export interface SkillJob {
  cwd: string;
  /** The validated root: a skill folder equal to it is `atRoot`. */
  root: string;
  files: readonly string[];
  severities: ReadonlyArray<[string, SeveritySetting]>;
  externalSkills: readonly string[];
}

export interface SkillOutcome {
  diagnostics: Diagnostic[];
  summary: SkillSummary;
}

type LintOne = (file: string, entries?: readonly DirEntry[]) => SkillOutcome;

/** Read, parse and lint one SKILL.md of `job`: what both the main thread and the workers do. */
function linter(job: SkillJob): LintOne {
  const rules = allRules.filter((r): r is SkillRule => r.scope === 'skill');
  const severities = new Map(job.severities);
  const settings = { externalSkills: new Set(job.externalSkills) };
  return (file, entries) => {
    const doc = openSkill(file, { cwd: job.cwd, ...(entries ? { entries } : {}) });
    if (doc.dir === job.root) doc.atRoot = true;
    readSkillInto(doc);
    return { diagnostics: runSkillRules(doc, rules, severities, settings), summary: summarize(doc) };
  };
}

/** Take indices from the shared counter until none are left; lint each. */
export function drain(job: SkillJob, counter: Int32Array, onResult: (index: number, outcome: SkillOutcome) => void, entriesOf?: (file: string) => readonly DirEntry[] | undefined, lint: LintOne = linter(job)): void {
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= job.files.length) return;
    const file = job.files[i]!;
    onResult(i, lint(file, entriesOf?.(file)));
  }
}

/** How many workers to start for `count` skills and `threads` requested (0: the main thread only). */
export function workerCount(count: number, threads = 1): number {
  if (count < PARALLEL_MIN_SKILLS) return 0;
  return Math.max(0, Math.min(threads - 1, availableParallelism() - 1, MAX_WORKERS));
}

type WorkerMessage = { results: Array<[number, SkillOutcome]> } | { error: string };

/**
 * Lint `job.files` on the main thread plus `workers` worker threads. Results come back in the
 * order of `job.files`. `entries` are discovery's folder listings (the main thread reuses them;
 * workers list the folders themselves rather than receive copies).
 */
export async function lintInParallel(job: SkillJob, workers: number, entries: ReadonlyMap<string, readonly DirEntry[]>): Promise<{ outcomes: SkillOutcome[]; byWorkers: number; errors: string[] }> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const results: Array<SkillOutcome | undefined> = new Array(job.files.length);
  const running = [];
  for (let w = 0; w < workers; w++) running.push(startWorker(job, counter));
  const lint = linter(job);
  const entriesOf = (file: string) => entries.get(path.dirname(file));
  drain(job, counter, (i, outcome) => (results[i] = outcome), entriesOf, lint);
  let byWorkers = 0;
  const errors: string[] = [];
  for (const message of await Promise.all(running)) {
    if ('error' in message) errors.push(message.error);
    else for (const [i, outcome] of message.results) (results[i] = outcome), byWorkers++;
  }
  // Whatever a failed worker had taken and not returned: lint it here.
  const outcomes = results.map((r, i) => r ?? lint(job.files[i]!, entriesOf(job.files[i]!)));
  return { outcomes, byWorkers, errors };
}

function startWorker(job: SkillJob, counter: Int32Array): Promise<WorkerMessage> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (m: WorkerMessage) => {
      if (settled) return;
      settled = true;
      resolve(m);
    };
    let worker: Worker;
    try {
      // Next to this module in dist/ (tsc) and in dist/chunks/ (the CLI bundle).
      worker = new Worker(new URL('./parallel-worker.js', import.meta.url), { workerData: { job, counter } });
    } catch (e) {
      done({ error: e instanceof Error ? e.message : String(e) });
      return;
    }
    worker.once('message', (m: WorkerMessage) => done(m));
    worker.once('error', (e) => done({ error: e.message }));
    worker.once('exit', (code) => done({ error: `worker exited with code ${code}` }));
  });
}
