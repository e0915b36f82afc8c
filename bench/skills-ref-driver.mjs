/**
 * Runs the `skills-ref` library (the Agent Skills reference implementation on npm) over every
 * skill of a corpus in one process — its CLI validates one skill per process, which would be
 * an unfair comparison. Prints one JSON line: { skills, invalid, problems }.
 *
 * Usage: node skills-ref-driver.mjs <path to skills-ref/dist/index.js> <corpus root>
 * Discovery mirrors the corpus layout (<root>/skills/<name>/SKILL.md); the library itself
 * only validates a given folder.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, root] = process.argv.slice(2);
if (!entry || !root) {
  process.stderr.write('usage: node skills-ref-driver.mjs <skills-ref entry> <corpus root>\n');
  process.exitCode = 2;
} else {
  const { validate } = await import(pathToFileURL(entry).href);
  const skillsDir = path.join(root, 'skills');
  const dirs = (await readdir(skillsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => path.join(skillsDir, d.name));
  // 32 skills in flight: its API is asynchronous, and overlapping its reads is its fastest use.
  let next = 0;
  let invalid = 0;
  let problems = 0;
  let missing = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const dir = dirs[next++];
      const found = await validate(dir);
      if (found.length === 1 && found[0].startsWith('Missing required file')) {
        missing++;
        continue;
      }
      if (found.length > 0) invalid++;
      problems += found.length;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  process.stdout.write(`${JSON.stringify({ skills: dirs.length - missing, invalid, problems })}\n`);
}
