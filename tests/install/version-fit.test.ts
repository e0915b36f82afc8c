import { describe, expect, it } from 'vitest';
import { checkVersionFit, claimSources, findClaims, projectDependencies } from '../../src/install/version-fit.js';

const pos = { line: 4, column: 16 };

function mismatches(compat: string, deps: Record<string, string>, metadata?: Record<string, string>) {
  const fields = [{ key: 'compatibility', value: compat, valuePos: pos }];
  if (metadata) fields.push({ key: 'metadata', value: metadata as unknown as string, valuePos: pos });
  const d = projectDependencies({ dependencies: deps });
  return checkVersionFit(findClaims(claimSources(fields), d.ranges.keys()), d).map((m) => `${m.claim.pkg} ${m.claim.range} vs ${m.projectRange} (${m.claim.field})`);
}

describe('version fit', () => {
  it('warns when the project depends on a version outside the skill', () => {
    expect(mismatches('Requires inngest 4.x and Next.js 16', { inngest: '^3.2.0', next: '16.1.0' })).toEqual(['inngest 4.x vs ^3.2.0 (compatibility)']);
  });

  it('is quiet when the versions fit, or the project does not use the library', () => {
    expect(mismatches('inngest 4.x, Next.js 16', { inngest: '^4.24.0', next: '^16.0.0' })).toEqual([]);
    expect(mismatches('inngest 4.x', { react: '^19.0.0' })).toEqual([]);
    expect(mismatches('inngest', { inngest: '^3.0.0' })).toEqual([]);
  });

  it('understands @-versions, aliases and metadata', () => {
    expect(mismatches('needs inngest@>=4', { inngest: '3.1.0' })).toEqual(['inngest >=4 vs 3.1.0 (compatibility)']);
    expect(mismatches('Next.js 16+', { next: '^15.2.0' })).toEqual(['next 16+ vs ^15.2.0 (compatibility)']);
    expect(mismatches('Prisma 7', { '@prisma/client': '^6.1.0' })).toEqual(['@prisma/client 7 vs ^6.1.0 (compatibility)']);
    expect(mismatches('', { inngest: '^3.0.0' }, { inngest: '4.x' })).toEqual(['inngest 4.x vs ^3.0.0 (metadata.inngest)']);
  });

  it('does not take a longer word for the package name', () => {
    expect(mismatches('nextra 2, next-auth 4', { next: '^16.0.0' })).toEqual([]);
  });

  it('ignores ranges it cannot read on either side', () => {
    expect(mismatches('inngest 4.x', { inngest: 'workspace:*' })).toEqual([]);
    expect(mismatches('inngest 4.x', { inngest: 'latest' })).toEqual([]);
  });
});

describe('version fit with several mentions of one package', () => {
  it('accepts any named version and reports a mismatch once', () => {
    const compat = 'next 16.x, inngest 4.x (code checked against next 16.4.6, inngest 4.24.0)';
    expect(mismatches(compat, { next: '16.0.1', inngest: '^4.0.0' })).toEqual([]);
    expect(mismatches(compat, { next: '^16.0.0', inngest: '^3.28.0' })).toEqual(['inngest 4.x vs ^3.28.0 (compatibility)']);
  });
});
