import { describe, expect, it } from 'vitest';
import type { CodeBlock } from '../../src/skill/model.js';
import { LIMITS, isOptedOut, namedPath, newBudget, planSkill } from '../../src/typecheck/blocks.js';

function block(line: number, info: string, code: string, extra: Partial<CodeBlock> = {}): CodeBlock {
  return { lang: (info.split(/\s+/)[0] ?? '').toLowerCase(), info, code, line, codeLine: line + 1, column: 1, unclosed: false, ...extra };
}

describe('namedPath', () => {
  it.each([
    ['// src/inngest/client.ts', 'src/inngest/client.ts'],
    ['//src/inngest/functions/welcome.ts', 'src/inngest/functions/welcome.ts'],
    ['// src/app/api/users/[id]/route.ts', 'src/app/api/users/[id]/route.ts'],
    ['// src/app/(marketing)/[[...slug]]/page.tsx', 'src/app/(marketing)/[[...slug]]/page.tsx'],
    ['// src/app/@modal/default.tsx', 'src/app/@modal/default.tsx'],
    ['// ./src/lib/db.ts', 'src/lib/db.ts'],
    ['  // prisma.config.ts   ', 'prisma.config.ts'],
    ['// src/types/env.d.ts', 'src/types/env.d.ts'],
    ['// scripts/run.mts', 'scripts/run.mts'],
  ])('%s names %s', (first, expected) => {
    const result = namedPath(`${first}\nexport {};`);
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(result.relPath).toBe(expected);
  });

  it.each([
    '// Example',
    '// see src/a.ts',
    '// src/a.js',
    'import x from "y"; // src/a.ts',
    '/* src/a.ts */',
    '',
  ])('%j names nothing', (first) => {
    expect(namedPath(`${first}\nconst a = 1;`).kind).toBe('none');
  });

  it.each([
    ['// /etc/x.ts', 'absolute'],
    ['// C:/x.ts', 'absolute'],
    ['// ../outside.ts', '`..`'],
    ['// src/../../x.ts', '`..`'],
    ['// src//x.ts', 'empty'],
    ['// src\\lib\\db.ts', '`/`'],
    ['// src/lib/d$b.ts', 'characters'],
    [`// ${'a/'.repeat(200)}x.ts`, 'longer'],
  ])('%s is rejected (%s)', (first, reason) => {
    const result = namedPath(first);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.reason).toContain(reason);
  });

  it('reports the column of the path', () => {
    const result = namedPath('  //  src/a.ts');
    expect(result).toMatchObject({ kind: 'ok', column: 7 });
  });
});

describe('isOptedOut', () => {
  it.each([
    ['ts nocheck', true],
    ['tsx title="page.tsx" nocheck', true],
    ['ts {nocheck}', true],
    ['ts', false],
    ['ts nochecking', false],
    ['ts no-check', false],
    ['ts title="nocheck-me"', false],
  ])('%s -> %s', (info, expected) => {
    expect(isOptedOut(info)).toBe(expected);
  });
});

describe('planSkill', () => {
  it('checks TypeScript fences only, counts opt-outs, names anonymous blocks by line', () => {
    const plan = planSkill('skills/a/SKILL.md', [
      block(3, 'ts', '// src/inngest/client.ts\nexport const a = 1;'),
      block(8, 'bash', 'npm i inngest'),
      block(12, 'tsx', 'export const B = () => null;'),
      block(16, 'ts nocheck', 'broken('),
      block(20, 'typescript', 'const c = 1;'),
      block(24, 'mts', 'export {};'),
      block(28, 'cts', 'export {};'),
      block(32, '', 'const d = 1;'),
      block(36, 'js', 'const e = 1;'),
    ], newBudget());
    expect(plan.optedOut).toBe(1);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.files.map((f) => [f.relPath, f.named, f.block.line])).toEqual([
      ['src/inngest/client.ts', true, 3],
      ['__block_L12.tsx', false, 12],
      ['__block_L20.ts', false, 20],
      ['__block_L24.mts', false, 24],
      ['__block_L28.cts', false, 28],
    ]);
  });

  it('reports a second block that names the same file, on its first code line', () => {
    const plan = planSkill('skills/a/SKILL.md', [
      block(3, 'ts', '// src/lib/db.ts\nexport const db = 1;'),
      block(9, 'ts', '// src/lib/db.ts\nexport const db = 2;'),
    ], newBudget());
    expect(plan.files).toHaveLength(1);
    expect(plan.diagnostics).toHaveLength(1);
    expect(plan.diagnostics[0]).toMatchObject({
      ruleId: 'typecheck', severity: 'error', file: 'skills/a/SKILL.md', line: 10, column: 4,
    });
    expect(plan.diagnostics[0]?.message).toContain('`src/lib/db.ts` is already defined by the code block at line 3');
    expect(plan.diagnostics[0]?.hint).toBeTruthy();
  });

  it('keeps anonymous names clear of a block that names the same file', () => {
    const plan = planSkill('s/SKILL.md', [
      block(3, 'ts', '// __block_L7.ts\nexport {};'),
      block(7, 'ts', 'const x = 1;'),
    ], newBudget());
    expect(plan.files.map((f) => f.relPath)).toEqual(['__block_L7.ts', '__block_L7_2.ts']);
  });

  it('checks a block with an unusable file name as an anonymous module and says why', () => {
    const plan = planSkill('s/SKILL.md', [block(5, 'ts', '// ../../etc/evil.ts\nexport {};')], newBudget());
    expect(plan.files.map((f) => f.relPath)).toEqual(['__block_L5.ts']);
    expect(plan.diagnostics[0]).toMatchObject({ line: 6, column: 4 });
    expect(plan.diagnostics[0]?.message).toContain('`../../etc/evil.ts` is not usable');
  });

  it('skips unclosed fences and over-size blocks, the latter with a diagnostic', () => {
    const plan = planSkill('s/SKILL.md', [
      block(2, 'ts', 'const a = 1;\n# Heading\nprose', { unclosed: true }),
      block(9, 'ts', 'x'.repeat(LIMITS.blockChars + 1)),
    ], newBudget());
    expect(plan.files).toEqual([]);
    expect(plan.diagnostics).toHaveLength(1);
    expect(plan.diagnostics[0]).toMatchObject({ line: 9 });
    expect(plan.diagnostics[0]?.message).toContain('too large');
  });

  it('caps the blocks of one skill and of the whole run, reporting each cap once', () => {
    const many = Array.from({ length: LIMITS.blocksPerSkill + 5 }, (_, i) => block(i * 4 + 1, 'ts', `const v${i} = ${i};`));
    const plan = planSkill('s/SKILL.md', many, newBudget());
    expect(plan.files).toHaveLength(LIMITS.blocksPerSkill);
    expect(plan.diagnostics).toHaveLength(1);
    expect(plan.diagnostics[0]?.line).toBe(LIMITS.blocksPerSkill * 4 + 1);

    const budget = { blocks: LIMITS.blocksTotal - 1, chars: 0, exhausted: false };
    const first = planSkill('a/SKILL.md', [block(1, 'ts', 'a'), block(5, 'ts', 'b')], budget);
    const second = planSkill('b/SKILL.md', [block(1, 'ts', 'c')], budget);
    expect(first.files).toHaveLength(1);
    expect(first.diagnostics).toHaveLength(1);
    expect(second.files).toHaveLength(0);
    expect(second.diagnostics).toHaveLength(0);
  });
});
