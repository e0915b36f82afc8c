/**
 * Test hook: with VIBE_SKILLS_TEST_PAUSE=<step> (or <step>:<skill>) and
 * VIBE_SKILLS_TEST_PAUSE_FILE=<path>, the process writes the step name to that file on
 * reaching the step and waits until the file is deleted, so a test can kill it exactly there
 * or hold it while another process runs. Inert unless both variables are set.
 *
 * Steps: `staged`, `moved-aside`, `renamed` (per skill folder), `before-lock` (lock file
 * write), `removing` (remove), `lock-busy` (found another process holding the mutex).
 */
import { lstat, writeFile } from 'node:fs/promises';

export async function testPause(step: string, skill?: string): Promise<void> {
  const want = process.env.VIBE_SKILLS_TEST_PAUSE;
  const file = process.env.VIBE_SKILLS_TEST_PAUSE_FILE;
  if (!want || !file) return;
  if (want !== step && want !== `${step}:${skill ?? ''}`) return;
  await writeFile(file, `${step}\n`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (!(await lstat(file).catch(() => undefined))) return;
  }
}
