import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FINGERPRINT_KEY,
  formatSarif,
  SARIF_SCHEMA_URI,
  sarifRegion,
  type SarifLog,
  type SarifResult,
} from '../../src/lint/formatters/sarif.js';
import type { FormatInput } from '../../src/lint/formatters/types.js';
import type { Diagnostic } from '../../src/types.js';
import { makeInput, makeWindowsInput, permutations, RULES, TRICKY, TRICKY_WINDOWS, WINDOWS_CWD } from './fixtures.js';
import { isUriReference, sarifSchemaErrors } from './sarif-schema.js';

function sarif(overrides: Partial<FormatInput> = {}): SarifLog {
  return JSON.parse(formatSarif(makeInput(overrides))) as SarifLog;
}

function run(log: SarifLog) {
  return log.runs[0];
}

function fingerprintOf(result: SarifResult): string {
  return result.partialFingerprints[FINGERPRINT_KEY]!;
}

function diag(overrides: Partial<Diagnostic>): Diagnostic {
  return { ruleId: 'name-format', severity: 'error', message: 'm', file: 'skills/a/SKILL.md', line: 2, column: 3, ...overrides };
}

/** Every constraint GitHub code scanning adds to the schema (or enforces on upload). */
function githubProblems(log: SarifLog): string[] {
  const problems: string[] = [];
  const r = run(log);
  const base = r.originalUriBaseIds['%SRCROOT%']?.uri ?? '';
  if (!base.startsWith('file:///') || !base.endsWith('/')) problems.push(`%SRCROOT% is ${base}`);
  const ids = r.tool.driver.rules.map((rule) => rule.id);
  if (new Set(ids).size !== ids.length) problems.push('duplicate rule ids');
  r.results.forEach((result, i) => {
    const where = `results[${i}]`;
    if (r.tool.driver.rules[result.ruleIndex]?.id !== result.ruleId) problems.push(`${where} ruleIndex`);
    if (result.level !== 'error' && result.level !== 'warning') problems.push(`${where} level ${result.level}`);
    if (result.locations.length !== 1) problems.push(`${where} locations`);
    for (const { physicalLocation } of result.locations) {
      const { region, artifactLocation } = physicalLocation;
      if (!(Number.isInteger(region.startLine) && region.startLine >= 1)) problems.push(`${where} startLine ${region.startLine}`);
      if (!(Number.isInteger(region.startColumn) && region.startColumn >= 1)) problems.push(`${where} startColumn`);
      if (region.endLine !== undefined && region.endLine < region.startLine) problems.push(`${where} endLine`);
      if (artifactLocation.uriBaseId !== '%SRCROOT%') problems.push(`${where} uriBaseId`);
      const uri = artifactLocation.uri;
      if (/^[A-Za-z][A-Za-z0-9+.-]*:/u.test(uri) || uri.startsWith('/') || uri.includes('\\') || !isUriReference(uri)) {
        problems.push(`${where} uri ${uri}`);
      }
    }
    if (!/^[0-9a-f]{64}:\d+$/u.test(result.partialFingerprints[FINGERPRINT_KEY] ?? '')) problems.push(`${where} fingerprint`);
  });
  return problems;
}

/** The artifact URIs of TRICKY, in canonical order, from a POSIX or a Windows run alike. */
const TRICKY_URIS = [
  'skills/alpha/SKILL.md',
  'skills/alpha/SKILL.md',
  'skills/alpha/SKILL.md',
  'skills/beta/SKILL.md',
  'skills/gamma%2C%20the%3A%20third/SKILL.md',
  'skills/%C3%BCn%C3%AF%20%E6%97%A5%E6%9C%AC/SKILL.md',
];

describe('sarif: the schema validator itself', () => {
  // Without these, "valid" could mean "the validator accepts anything".
  it('rejects logs that break the schema', () => {
    const good = sarif();
    expect(sarifSchemaErrors(good)).toBe('');

    const zeroLine = structuredClone(good);
    run(zeroLine).results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(sarifSchemaErrors(zeroLine)).toMatch(/startLine/u);

    const badLevel = structuredClone(good) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    badLevel.runs[0]!.results[0]!.level = 'fatal';
    expect(sarifSchemaErrors(badLevel)).toMatch(/level/u);

    const badUri = structuredClone(good);
    run(badUri).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'has space/and\\backslash';
    expect(sarifSchemaErrors(badUri)).toMatch(/uri/u);

    expect(sarifSchemaErrors({ ...good, version: '2.0.0' })).not.toBe('');
    expect(sarifSchemaErrors({ ...good, extra: true })).not.toBe('');
  });
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0 and meets GitHub code scanning constraints for the tricky list', () => {
    const log = sarif({ typecheck: { blocks: 2, optedOut: 0 } });
    expect(sarifSchemaErrors(log)).toBe('');
    expect(githubProblems(log)).toEqual([]);
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(run(log).results).toHaveLength(TRICKY.length);
  });

  it('is valid for an empty run, keeping the rule table', () => {
    const log = sarif({ diagnostics: [], skillCount: 0 });
    expect(sarifSchemaErrors(log)).toBe('');
    expect(run(log).results).toEqual([]);
    expect(run(log).tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id).sort());
  });

  it('describes the tool and every rule, from RuleMeta, sorted by id', () => {
    const driver = run(sarif()).tool.driver;
    expect(driver.name).toBe('vibe-skills');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^https:\/\//u);
    expect(driver.rules.map((r) => r.id)).toEqual([
      'body-length', 'description-when', 'frontmatter-present', 'name-format', 'portability', 'typecheck', 'unknown-field',
    ]);
    const nameFormat = driver.rules.find((r) => r.id === 'name-format')!;
    expect(nameFormat).toEqual({
      id: 'name-format',
      name: 'NameFormat',
      shortDescription: { text: RULES[0]!.description },
      fullDescription: { text: RULES[0]!.docs },
      help: { text: RULES[0]!.docs },
      defaultConfiguration: { level: 'error' },
    });
    expect(driver.rules.find((r) => r.id === 'description-when')!.defaultConfiguration).toEqual({ level: 'warning' });
    // A rule that is off by default is described as disabled; its empty docs fall back to the description.
    const bodyLength = driver.rules.find((r) => r.id === 'body-length')!;
    expect(bodyLength.defaultConfiguration).toEqual({ level: 'none', enabled: false });
    expect(bodyLength.help.text).toBe('body under 500 lines');
  });

  it('adds rules that results use but the rule list lacks, such as typecheck', () => {
    const log = sarif({ rules: [] });
    expect(sarifSchemaErrors(log)).toBe('');
    expect(githubProblems(log)).toEqual([]);
    const typecheck = run(log).tool.driver.rules.find((r) => r.id === 'typecheck')!;
    expect(typecheck.defaultConfiguration.level).toBe('error');
    expect(typecheck.shortDescription.text).toContain('typecheck');
  });

  it('maps positions: line 0 to 1:1, unknown column to 1, and keeps valid end positions', () => {
    const results = run(sarif()).results;
    const region = (ruleId: string) => results.find((r) => r.ruleId === ruleId)!.locations[0]!.physicalLocation.region;
    expect(region('frontmatter-present')).toEqual({ startLine: 1, startColumn: 1 });
    expect(region('typecheck')).toEqual({ startLine: 41, startColumn: 1 });
    expect(region('name-format')).toEqual({ startLine: 2, startColumn: 7, endLine: 2, endColumn: 14 });

    // Defensive mapping of positions a buggy rule could produce.
    expect(sarifRegion(diag({ line: 5, column: 9, endLine: 3, endColumn: 1 }))).toEqual({ startLine: 5, startColumn: 9 });
    expect(sarifRegion(diag({ line: 5, column: 9, endLine: 5, endColumn: 2 }))).toEqual({ startLine: 5, startColumn: 9, endLine: 5 });
    expect(sarifRegion(diag({ line: 2, column: 0, endLine: 4, endColumn: 5 }))).toEqual({ startLine: 2, startColumn: 1, endLine: 4 });
    expect(sarifRegion(diag({ line: -1, column: -4 }))).toEqual({ startLine: 1, startColumn: 1 });
    expect(sarifRegion(diag({ line: Number.NaN, column: 2 }))).toEqual({ startLine: 1, startColumn: 1 });
    expect(sarifRegion(diag({ line: 3, column: 2.5 }))).toEqual({ startLine: 3, startColumn: 1 });
  });

  it('puts level, message and hint in each result', () => {
    const results = run(sarif()).results;
    const nameFormat = results.find((r) => r.ruleId === 'name-format')!;
    expect(nameFormat.level).toBe('error');
    expect(nameFormat.message.text).toBe('name "Alpha_1" is not kebab-case\nHint: Rename it to `alpha-1`');
    const portability = results.find((r) => r.ruleId === 'portability')!;
    expect(portability.message.text).toBe(TRICKY[3]!.message);
    expect(results.find((r) => r.ruleId === 'unknown-field')!.level).toBe('warning');
  });

  it('writes relative, percent-encoded URIs under %SRCROOT%', () => {
    const log = sarif();
    expect(run(log).originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/repo/' } });
    const uris = run(log).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(TRICKY_URIS);
    expect(run(sarif({ cwd: '/home/dev/repo/' })).originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///home/dev/repo/');
    expect(run(sarif({ cwd: '/' })).originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///');
  });

  it('writes the same relative URIs for a Windows run, under a Windows %SRCROOT%', () => {
    const log = sarif({ cwd: WINDOWS_CWD, diagnostics: TRICKY_WINDOWS });
    expect(sarifSchemaErrors(log)).toBe('');
    expect(githubProblems(log)).toEqual([]);
    expect(run(log).originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///C:/Users/dev/repo/' } });
    expect(run(log).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(TRICKY_URIS);
    // The working directory decides: under a POSIX one, the same `\` paths name other files.
    expect(formatSarif(makeWindowsInput({ cwd: '/home/dev/repo' }))).not.toBe(formatSarif(makeInput()));
    expect(run(sarif({ cwd: 'C:/Users/dev/repo/' })).originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///C:/Users/dev/repo/');
    expect(run(sarif({ cwd: 'D:\\' })).originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///D:/');
    expect(run(sarif({ cwd: '\\\\server\\share\\my repo' })).originalUriBaseIds['%SRCROOT%']!.uri).toBe('file://server/share/my%20repo/');
  });

  it('reads a \\ in a POSIX path as part of a name (%5C), and a top folder named C: as a folder', () => {
    const log = sarif({ diagnostics: [diag({ file: 'a\\b/SKILL.md' }), diag({ file: 'C:/skills/x/SKILL.md' }), diag({ file: 'C:\\y' })] });
    expect(sarifSchemaErrors(log)).toBe('');
    expect(githubProblems(log)).toEqual([]);
    expect(run(log).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'C%3A/skills/x/SKILL.md',
      'C%3A%5Cy',
      'a%5Cb/SKILL.md',
    ]);
    expect(run(sarif({ cwd: '/home/a\\b #1' })).originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///home/a%5Cb%20%231/');
  });

  it('gives files outside the working directory an absolute file URI instead of a base', () => {
    const posix = sarif({ diagnostics: [diag({ file: '/other/place/SKILL.md' }), diag({ file: '/other/C:/a\\b [1]|^/SKILL.md' })] });
    expect(sarifSchemaErrors(posix)).toBe('');
    expect(run(posix).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation)).toEqual([
      { uri: 'file:///other/C%3A/a%5Cb%20%5B1%5D%7C%5E/SKILL.md' },
      { uri: 'file:///other/place/SKILL.md' },
    ]);
    const windows = sarif({
      cwd: WINDOWS_CWD,
      diagnostics: [diag({ file: 'D:\\x y\\SKILL.md' }), diag({ file: 'E:/z/SKILL.md' }), diag({ file: '\\\\server\\share\\s\\SKILL.md' }), diag({ file: '\\rooted\\SKILL.md' })],
    });
    expect(sarifSchemaErrors(windows)).toBe('');
    expect(run(windows).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation)).toEqual([
      { uri: 'file://server/share/s/SKILL.md' },
      { uri: 'file:///C:/rooted/SKILL.md' },
      { uri: 'file:///D:/x%20y/SKILL.md' },
      { uri: 'file:///E:/z/SKILL.md' },
    ]);
  });

  it('encodes a name no UTF-8 can spell (a lone surrogate) instead of throwing', () => {
    const log = sarif({ diagnostics: [diag({ file: 'skills/\ud800x/SKILL.md' }), diag({ file: '/abs/\udc00/SKILL.md' })] });
    expect(sarifSchemaErrors(log)).toBe('');
    expect(run(log).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'file:///abs/%EF%BF%BD/SKILL.md',
      'skills/%EF%BF%BDx/SKILL.md',
    ]);
  });

  describe('partialFingerprints', () => {
    const fingerprints = (input: Partial<FormatInput>) => {
      const results = run(sarif(input)).results;
      return new Map(results.map((r) => [`${r.ruleId} ${r.message.text}`, fingerprintOf(r)]));
    };

    it('do not depend on input order, the working directory or Windows path separators', () => {
      const expected = fingerprints({});
      for (const order of permutations(TRICKY)) expect(fingerprints({ diagnostics: order })).toEqual(expected);
      expect(fingerprints({ cwd: '/somewhere/else' })).toEqual(expected);
      expect(fingerprints({ cwd: WINDOWS_CWD, diagnostics: TRICKY_WINDOWS })).toEqual(expected);
    });

    it('tell apart POSIX files a \\ and a / name differently', () => {
      const [slash, backslash] = run(sarif({ diagnostics: [diag({ file: 'a/b/SKILL.md' }), diag({ file: 'a\\b/SKILL.md' })] })).results.map(fingerprintOf);
      expect(slash!.replace(/:\d+$/u, '')).not.toBe(backslash!.replace(/:\d+$/u, ''));
    });

    it('survive the problem moving to another line, but change with rule, file or message', () => {
      const base = fingerprintOf(run(sarif({ diagnostics: [diag({})] })).results[0]!);
      const moved = fingerprintOf(run(sarif({ diagnostics: [diag({ line: 90, column: 1 })] })).results[0]!);
      expect(moved).toBe(base);
      for (const change of [{ ruleId: 'other-rule' }, { file: 'skills/b/SKILL.md' }, { message: 'm2' }]) {
        expect(fingerprintOf(run(sarif({ diagnostics: [diag(change)] })).results[0]!)).not.toBe(base);
      }
    });

    it('tell apart identical problems in one file', () => {
      const results = run(sarif({ diagnostics: [diag({ line: 9 }), diag({ line: 4 })] })).results;
      const [first, second] = results.map(fingerprintOf);
      expect(first).not.toBe(second);
      expect(first!.replace(/:\d+$/u, '')).toBe(second!.replace(/:\d+$/u, ''));
      expect(first!.endsWith(':1') && second!.endsWith(':2')).toBe(true);
    });
  });

  describe('against a real working directory', () => {
    let root: string;
    // On POSIX `a\b` is one folder and `C:` an ordinary top folder; the root's own name has a `\` too.
    const files = ['skills/my skill #1/SKILL.md', 'skills/ünï 日本/SKILL.md', 'skills/100%, a: b?/SKILL.md', 'skills/a\\b/SKILL.md', 'C:/skills/x/SKILL.md'];

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'vibe-sarif-r\\o%t #'));
      for (const file of files) {
        await mkdir(join(root, file, '..'), { recursive: true });
        await writeFile(join(root, file), '---\nname: x\n---\n');
      }
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('resolves each result URI against %SRCROOT% to the file on disk', () => {
      const log = sarif({ cwd: root, diagnostics: files.map((file) => diag({ file })) });
      expect(sarifSchemaErrors(log)).toBe('');
      expect(githubProblems(log)).toEqual([]);
      const base = run(log).originalUriBaseIds['%SRCROOT%']!.uri;
      const resolved = run(log).results.map((r) =>
        fileURLToPath(new URL(r.locations[0]!.physicalLocation.artifactLocation.uri, base)),
      );
      expect(resolved.sort()).toEqual(files.map((f) => join(root, f)).sort());
      for (const path of resolved) expect(existsSync(path)).toBe(true);
    });

    it('resolves a file outside the working directory, named with its absolute path', () => {
      const cwd = join(root, 'skills');
      const log = sarif({ cwd, diagnostics: files.map((file) => diag({ file: join(root, file) })) });
      expect(sarifSchemaErrors(log)).toBe('');
      const resolved = run(log).results.map((r) => fileURLToPath(r.locations[0]!.physicalLocation.artifactLocation.uri));
      expect(resolved.sort()).toEqual(files.map((f) => join(root, f)).sort());
    });
  });

  it('is byte-identical whatever the input order', () => {
    const expected = formatSarif(makeInput());
    expect(expected.endsWith('}\n')).toBe(true);
    for (const order of permutations(TRICKY)) expect(formatSarif(makeInput({ diagnostics: order }))).toBe(expected);
  });
});
