#!/usr/bin/env node
/**
 * The floors of the benchmark: Node starting plus the file-system work a linter of this corpus
 * cannot skip, and nothing else.
 *
 *   node bench/io-floor.mjs <corpus root>
 *   node bench/io-floor.mjs <corpus root> --warm <list file>
 *
 * Cold: list the tree, list every skill folder and its subfolders (link and symlink checks need
 * the names), and read every SKILL.md, with the same synchronous calls vibe-skills uses.
 *
 * Warm (a re-run over an unchanged tree, what `validate --cache` does at the least): read a
 * stored list of the folders and SKILL.md files, then `stat` every folder and `lstat` every
 * SKILL.md, which is what proves them unchanged; nothing is listed or read. The first run (the
 * benchmark's unmeasured warm-up) walks the tree and writes the list.
 *
 * Either way it prints `{"skills": n}` and nothing else. The distance between a floor row and a
 * tool's row in the table is what the tool itself costs.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(path.resolve(process.argv[2] ?? '.'), 'skills');
const warmList = process.argv[3] === '--warm' ? process.argv[4] : undefined;

function walk(read) {
  const dirs = [];
  const files = [];
  const list = (dir) => {
    dirs.push(dir);
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) list(path.join(dir, e.name));
  };
  dirs.push(root);
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const dir = path.join(root, e.name);
    list(dir);
    const file = path.join(dir, 'SKILL.md');
    files.push(file);
    read?.(file);
  }
  return { dirs, files };
}

let skills = 0;
let bytes = 0;
if (warmList === undefined) {
  const buf = Buffer.allocUnsafe(1024 * 1024 + 1);
  skills = walk((file) => {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      bytes += readSync(fd, buf, 0, buf.length, 0);
    } finally {
      closeSync(fd);
    }
  }).files.length;
} else {
  let stored;
  try {
    stored = JSON.parse(readFileSync(warmList, 'utf8'));
  } catch {
    stored = walk();
    writeFileSync(warmList, JSON.stringify(stored));
  }
  for (const dir of stored.dirs) statSync(dir);
  for (const file of stored.files) lstatSync(file);
  skills = stored.files.length;
}
process.stdout.write(`${JSON.stringify({ skills, bytes })}\n`);
