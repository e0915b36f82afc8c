/**
 * A small CommonMark fence scanner for the skill-pack tests. It reads the same
 * things the type-check contract cares about: the info string, the code, and the
 * line of the opening fence. (The product's reader lives in src/skill; these
 * tests keep their own copy so that they prove the skill text independently.)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Fence {
  /** First word of the info string, lowercased. */
  lang: string;
  /** The whole info string. */
  info: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

export function scanFences(markdown: string): Fence[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] ?? '');
    if (!open) continue;
    const marker = open[1] ?? '```';
    const info = (open[2] ?? '').trim();
    // A backtick fence's info string may not contain backticks (CommonMark).
    if (marker.startsWith('`') && info.includes('`')) continue;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j] ?? '')) {
      body.push(lines[j] ?? '');
      j++;
    }
    fences.push({ lang: (info.split(/\s+/)[0] ?? '').toLowerCase(), info, code: body.join('\n'), line: i + 1 });
    i = j;
  }
  return fences;
}

/** Fence languages the type check compiles. */
export const CHECKED_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts']);

export function isOptedOut(fence: Fence): boolean {
  return /(^|\s)nocheck(\s|$)/.test(fence.info);
}

/** The relative path a block declares on its first line (`// src/inngest/client.ts`), if any. */
export function declaredPath(fence: Fence): string | undefined {
  const first = fence.code.split('\n', 1)[0] ?? '';
  const match = /^\/\/\s*((?:[\w@.()[\]-]+\/)*[\w@.()[\]-]+\.(?:ts|tsx|mts|cts))\s*$/.exec(first);
  return match?.[1];
}

export interface MarkdownFile {
  /** Relative to `base`, `/` separators. */
  file: string;
  text: string;
}

/** Every `.md` file under `dir`, sorted by path. */
export async function markdownFiles(dir: string, base: string): Promise<MarkdownFile[]> {
  const found: MarkdownFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownFiles(full, base)));
    else if (entry.isFile() && entry.name.endsWith('.md')) {
      found.push({ file: path.relative(base, full).split(path.sep).join('/'), text: await readFile(full, 'utf8') });
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}
