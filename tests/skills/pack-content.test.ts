/**
 * Content rules of the skill pack that the linter does not own:
 * - a code block may skip the type check (`ts nocheck`) only when it is on the
 *   short allow-list below, each entry with the reason it cannot compile;
 * - the stand-ins in tests/typecheck-project/stubs agree with the skills that
 *   define the same file, so code compiled against a stub would also compile
 *   against the skill's real version;
 * - the Prisma schema the pack is compiled against is the one the `prisma`
 *   skill teaches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKED_LANGS, declaredPath, isOptedOut, markdownFiles, scanFences } from './fences.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const skillsDir = path.join(repoRoot, 'skills');
const projectDir = path.join(repoRoot, 'tests', 'typecheck-project');
const stubsDir = path.join(projectDir, 'stubs');

/**
 * The only blocks allowed to skip the type check. Each is deliberately wrong
 * code shown so that agents recognise and replace it; compiling it against the
 * pinned packages would fail, which is exactly what it demonstrates. A block is
 * identified by its file and its first line (which must say WRONG).
 */
const ALLOWED_OPT_OUTS: ReadonlyArray<{ file: string; firstLine: string; why: string }> = [
  {
    file: 'skills/background-jobs/SKILL.md',
    firstLine: '// WRONG (Inngest 3): trigger as a second argument, EventSchemas on the client',
    why:
      'The Inngest 3 API that agents still write. On inngest 4 the three-argument createFunction ' +
      'is a type error (and throws at run time) and EventSchemas no longer exists.',
  },
  {
    file: 'skills/nextjs-data/SKILL.md',
    firstLine: '// WRONG (Next.js 14/15): synchronous params, segment config, one-argument revalidateTag',
    why:
      'The Next.js 14/15 data forms that break on 16: params is a Promise and revalidateTag ' +
      'requires a cache profile, so the block is a type error against next 16.',
  },
];

async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // The generated Prisma client is real output, not a hand-written stand-in.
      if (entry.name === 'generated') continue;
      found.push(...(await filesUnder(full, base)));
    } else if (entry.isFile() && /\.(ts|tsx)$/.test(entry.name)) {
      found.push(path.relative(base, full).split(path.sep).join('/'));
    }
  }
  return found.sort();
}

/** Names a module exports, read from its declarations (enough for these files). */
function exportedNames(code: string): Set<string> {
  const names = new Set<string>();
  const declaration =
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function|interface|type|class|enum)\s+([A-Za-z_$][\w$]*)/gm;
  for (const match of code.matchAll(declaration)) if (match[1]) names.add(match[1]);
  for (const match of code.matchAll(/^export\s+(?:const|let)\s*\{([^}]*)\}/gm)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part.split(':').pop()?.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

describe('skill pack: type-check opt-outs', () => {
  it('opts out only the allow-listed, deliberately wrong blocks', async () => {
    const found: string[] = [];
    const problems: string[] = [];
    for (const { file, text } of await markdownFiles(skillsDir, repoRoot)) {
      for (const fence of scanFences(text)) {
        if (!isOptedOut(fence)) continue;
        const where = `${file}:${fence.line}`;
        if (!CHECKED_LANGS.has(fence.lang)) {
          problems.push(`${where}: "nocheck" on a \`${fence.lang || 'plain'}\` fence, which is never type-checked; remove it`);
          continue;
        }
        const firstLine = fence.code.split('\n', 1)[0] ?? '';
        const allowed = ALLOWED_OPT_OUTS.find((entry) => entry.file === file && entry.firstLine === firstLine);
        if (!allowed) {
          problems.push(`${where}: opts out of the type check but is not on the allow-list (first line: ${JSON.stringify(firstLine)}); make it compile or justify it in this test`);
          continue;
        }
        found.push(`${file} ${firstLine}`);
      }
    }
    expect(problems).toEqual([]);
    // Every allow-list entry is used exactly once: no stale or duplicated exceptions.
    expect(found.sort()).toEqual(ALLOWED_OPT_OUTS.map((entry) => `${entry.file} ${entry.firstLine}`).sort());
  });

  it('labels every allowed opt-out as wrong code and says why', () => {
    for (const entry of ALLOWED_OPT_OUTS) {
      expect(entry.firstLine).toMatch(/^\/\/ WRONG\b/);
      expect(entry.why.length).toBeGreaterThan(40);
    }
  });

  it('checks TypeScript in every skill (no skill is all opt-outs)', async () => {
    const bySkill = new Map<string, { checked: number; optedOut: number }>();
    for (const { file, text } of await markdownFiles(skillsDir, repoRoot)) {
      const skill = file.split('/')[1] ?? '';
      const counts = bySkill.get(skill) ?? { checked: 0, optedOut: 0 };
      for (const fence of scanFences(text)) {
        if (!CHECKED_LANGS.has(fence.lang)) continue;
        if (isOptedOut(fence)) counts.optedOut++;
        else counts.checked++;
      }
      bySkill.set(skill, counts);
    }
    expect([...bySkill.keys()].sort()).toEqual(
      ['api-routes', 'background-jobs', 'deploy', 'nextjs-data', 'prisma', 'react-server-actions'],
    );
    for (const [skill, counts] of bySkill) {
      expect(counts.checked, `${skill} has no type-checked block`).toBeGreaterThan(counts.optedOut);
    }
  });
});

describe('skill pack: stubs agree with the skills', () => {
  it('every stub exports what the skill defining the same file exports', async () => {
    const stubFiles = await filesUnder(stubsDir);
    expect(stubFiles.length).toBeGreaterThan(0);

    // file path -> [skill file, exported names] for every path-named block in the pack
    const definitions = new Map<string, Array<{ where: string; names: Set<string> }>>();
    for (const { file, text } of await markdownFiles(skillsDir, repoRoot)) {
      for (const fence of scanFences(text)) {
        if (!CHECKED_LANGS.has(fence.lang) || isOptedOut(fence)) continue;
        const declared = declaredPath(fence);
        if (!declared) continue;
        const list = definitions.get(declared) ?? [];
        list.push({ where: `${file}:${fence.line}`, names: exportedNames(fence.code) });
        definitions.set(declared, list);
      }
    }

    const problems: string[] = [];
    let compared = 0;
    for (const stub of stubFiles) {
      const stubNames = exportedNames(await readFile(path.join(stubsDir, stub), 'utf8'));
      for (const definition of definitions.get(stub) ?? []) {
        compared++;
        const missing = [...stubNames].filter((name) => !definition.names.has(name));
        if (missing.length > 0) {
          problems.push(`tests/typecheck-project/stubs/${stub} exports ${missing.join(', ')}, which ${definition.where} does not`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The comparison must have happened: @/lib/db (prisma) and @/inngest/client (background-jobs).
    expect(compared).toBeGreaterThanOrEqual(2);
  });
});

describe('skill pack: the Prisma schema', () => {
  /** `model X { ... }` blocks, whitespace-normalised, keyed by model name. */
  function models(schema: string): Map<string, string> {
    const result = new Map<string, string>();
    for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
      const body = (match[2] ?? '')
        .split('\n')
        .map((line) => line.replace(/\/\/.*$/, '').trim().replace(/\s+/g, ' '))
        .filter(Boolean)
        .join('\n');
      result.set(match[1] ?? '', body);
    }
    return result;
  }

  it('compiles the pack against exactly the models the prisma skill teaches', async () => {
    const skill = await readFile(path.join(skillsDir, 'prisma', 'SKILL.md'), 'utf8');
    const taught = scanFences(skill).filter((fence) => fence.lang === 'prisma');
    expect(taught).toHaveLength(1);
    const compiledAgainst = await readFile(path.join(projectDir, 'prisma', 'schema.prisma'), 'utf8');
    expect(models(compiledAgainst)).toEqual(models(taught[0]?.code ?? ''));
    expect(models(compiledAgainst).size).toBeGreaterThan(0);
  });

  it('generates the client with the pinned prisma, offline and idempotently', () => {
    const script = path.join(projectDir, 'generate.mjs');
    const run = () => spawnSync(process.execPath, [script], { cwd: repoRoot, encoding: 'utf8' });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(path.join(stubsDir, 'src', 'generated', 'prisma', 'client.ts'))).toBe(true);
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
  });
});
