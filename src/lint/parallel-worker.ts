/**
 * A worker thread of lintInParallel (./parallel.ts): takes skills from the shared counter
 * until none are left and posts its results back in one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { drain, type SkillJob, type SkillOutcome } from './parallel.js';

const { job, counter } = workerData as { job: SkillJob; counter: Int32Array };
try {
  const results: Array<[number, SkillOutcome]> = [];
  drain(job, counter, (i, outcome) => results.push([i, outcome]));
  parentPort?.postMessage({ results });
} catch (e) {
  parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
