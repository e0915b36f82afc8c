/** Real temp folders for tests. */
import { afterEach } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type Tree = Record<string, string | Uint8Array>;

/** Write files (paths relative to the root, `/` separators) into a new temp folder. */
export async function makeTree(files: Tree): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vibe-skills-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return root;
}

export async function removeTree(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

/**
 * For a test file: `const tree = useTempTrees();` then `await tree({...})` in tests. Every
 * folder made is removed after each test.
 */
export function useTempTrees(): (files?: Tree) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    while (made.length) await removeTree(made.pop()!);
  });
  return async (files: Tree = {}) => {
    const root = await makeTree(files);
    made.push(root);
    return root;
  };
}
