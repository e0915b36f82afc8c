#!/usr/bin/env node
/**
 * The floor of the benchmark: Node starting plus the file-system work a linter of this corpus
 * cannot skip, and nothing else. It lists the tree, lists every skill folder and its subfolders
 * (link and symlink checks need the names), and reads every SKILL.md, with the same synchronous
 * calls vibe-skills uses, then prints `{"skills": n}`. No parsing, no rules, no output beyond that.
 *
 *   node bench/io-floor.mjs <corpus root>
 *
 * The distance between this row and a tool's row in the table is what the tool itself costs.
 */
import { closeSync, constants, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';

const root = path.join(path.resolve(process.argv[2] ?? '.'), 'skills');
const buf = Buffer.allocUnsafe(1024 * 1024 + 1);
let skills = 0;
let bytes = 0;

function list(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) list(path.join(dir, e.name));
}

for (const e of readdirSync(root, { withFileTypes: true })) {
  if (!e.isDirectory()) continue;
  const dir = path.join(root, e.name);
  list(dir);
  const fd = openSync(path.join(dir, 'SKILL.md'), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    bytes += readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  skills++;
}
process.stdout.write(`${JSON.stringify({ skills, bytes })}\n`);
