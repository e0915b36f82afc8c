/** Real temp folders for tests. */
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
