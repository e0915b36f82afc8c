import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontmatterYaml, splitFrontmatter } from '../../src/skill/frontmatter.js';
import { decodeSkillText, openSkill, parseSkillBytes, parseSkillText, readSkill, readSkillBytes, readSkillInto } from '../../src/skill/read.js';
import { useTempTrees } from '../helpers/tmp.js';

const where = { path: '/x/SKILL.md', file: 'SKILL.md', dir: '/x' };
const tree = useTempTrees();

describe('splitting frontmatter', () => {
  it('accepts a BOM and CRLF line endings, keeping line numbers', () => {
    const bytes = new TextEncoder().encode('\uFEFF---\r\nname: a\r\ndescription: b\r\n---\r\n# Title\r\n');
    const decoded = decodeSkillText(bytes);
    expect('text' in decoded).toBe(true);
    const doc = parseSkillText((decoded as { text: string }).text, where);
    expect(doc.frontmatter.error).toBeUndefined();
    expect(doc.frontmatter.data.name).toBe('a');
    expect(doc.frontmatter.fields[1]).toMatchObject({ key: 'description', keyPos: { line: 3, column: 1 }, valuePos: { line: 3, column: 14 } });
    expect(doc.body.headings[0]).toEqual({ level: 1, text: 'Title', line: 5 });
  });

  it('reports missing and unclosed frontmatter', () => {
    expect(parseSkillText('# no frontmatter\n', where).frontmatter.error?.kind).toBe('missing');
    expect(parseSkillText('---\nname: a\n', where).frontmatter.error).toMatchObject({ kind: 'unclosed', pos: { line: 1 } });
  });

  it('never evaluates ---js frontmatter: it is simply not frontmatter', async () => {
    const root = await tree({});
    const marker = path.join(root, 'pwned');
    const text = `---js\n{ name: (function(){ require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); return 'a' })() }\n---\n`;
    const doc = parseSkillText(text, where);
    expect(doc.frontmatter.error?.kind).toBe('missing');
    expect(existsSync(marker)).toBe(false);
  });

  it('splits an empty frontmatter and a file that is only a fence', () => {
    expect(splitFrontmatter('---\n---\nbody')).toMatchObject({ text: '', endLine: 2, body: 'body', bodyStartLine: 3 });
    expect(splitFrontmatter('---')).toMatchObject({ startLine: 1, endLine: 0 });
  });
});

describe('parsing frontmatter YAML safely', () => {
  it('stops an alias bomb with one diagnostic', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = parseFrontmatterYaml(bomb.join('\n'), 2);
    expect(r.error?.kind).toBe('aliases');
    expect(r.fields).toEqual([]);
  });

  it('refuses deep nesting and oversized frontmatter before parsing', () => {
    expect(parseFrontmatterYaml(`a: ${'['.repeat(5000)}${']'.repeat(5000)}`, 2).error?.kind).toBe('too-deep');
    const deep = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(parseFrontmatterYaml(deep, 2).error?.kind).toBe('too-deep');
    expect(parseFrontmatterYaml(`description: ${'x'.repeat(70 * 1024)}`, 2).error).toMatchObject({ kind: 'too-large', message: 'frontmatter is 71693 characters, over the 65536-character limit' });
  });

  it('keeps __proto__ as plain data and pollutes nothing', () => {
    const r = parseFrontmatterYaml('__proto__: {polluted: yes}\nmetadata:\n  __proto__: {x: 1}\n  constructor: c', 2);
    expect(r.error).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const proto = r.fields.find((f) => f.key === '__proto__')!;
    expect(Object.getPrototypeOf(proto.value)).toBeNull();
    expect((proto.value as Record<string, unknown>).polluted).toBe('yes');
  });

  it('gives positions of keys and values, and the style of each value', () => {
    const r = parseFrontmatterYaml('name: a\ndescription: >\n  folded\nallowed-tools:\n  - Read\nmetadata: {a: b}\nempty:', 2);
    expect(r.fields.map((f) => [f.key, f.style, f.keyPos.line, f.valuePos.line])).toEqual([
      ['name', 'plain', 2, 2],
      ['description', 'block-folded', 3, 3],
      ['allowed-tools', 'seq', 5, 6],
      ['metadata', 'flow-map', 7, 7],
      ['empty', 'null', 8, 8],
    ]);
  });

  it('explains an unquoted ": " as a portability problem with the fix', () => {
    const r = parseFrontmatterYaml('name: a\ndescription: Use when: the user asks', 2);
    expect(r.error).toMatchObject({ kind: 'portability', pos: { line: 3 } });
    expect(r.error?.hint).toMatch(/quote/);
  });

  it('explains values Claude Code quotes on retry, and tab indentation, as portability problems', () => {
    const hint = parseFrontmatterYaml('name: a\nargument-hint: [--init] [--verify]', 2);
    expect(hint.error).toMatchObject({ kind: 'portability', pos: { line: 3 } });
    expect(hint.error?.message).toMatch(/argument-hint/);
    const tab = parseFrontmatterYaml('name: a\nallowed-tools:\n\t- Read', 2);
    expect(tab.error).toMatchObject({ kind: 'portability', pos: { line: 4 } });
    expect(tab.error?.hint).toMatch(/spaces/);
    // A real syntax error that quoting would not fix stays a YAML error.
    expect(parseFrontmatterYaml('name: a\ndescription: "unterminated', 2).error?.kind).toBe('yaml');
  });

  it('reports duplicate keys at the second one', () => {
    const r = parseFrontmatterYaml('name: a\nname: b', 2);
    expect(r.error).toMatchObject({ kind: 'duplicate-key', pos: { line: 3 } });
  });
});

describe('reading files', () => {
  it('refuses binary, invalid UTF-8 and oversized files with one problem each', async () => {
    const root = await tree({
      'bin/SKILL.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
      'latin1/SKILL.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x6e, 0xe9, 0x0a]),
      'big/SKILL.md': `---\nname: big\n---\n${'x'.repeat(1024 * 1024)}`,
      'utf16/SKILL.md': Buffer.from('\uFEFF---\nname: utf16\n---\n', 'utf16le'),
    });
    expect((await readSkill(path.join(root, 'utf16/SKILL.md'), { cwd: root })).readProblem).toMatchObject({ kind: 'invalid-utf8', message: 'SKILL.md is UTF-16 text, not UTF-8' });
    expect((await readSkill(path.join(root, 'bin/SKILL.md'), { cwd: root })).readProblem?.kind).toBe('binary');
    expect((await readSkill(path.join(root, 'latin1/SKILL.md'), { cwd: root })).readProblem?.kind).toBe('invalid-utf8');
    expect((await readSkill(path.join(root, 'big/SKILL.md'), { cwd: root })).readProblem?.kind).toBe('too-large');
  });

  it('does not open a symlinked SKILL.md (a FIFO behind it would hang a reader that did)', async () => {
    const outside = await tree({});
    const fifo = path.join(outside, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const root = await tree({});
    await mkdir(path.join(root, 's'));
    await symlink(fifo, path.join(root, 's', 'SKILL.md'));
    const doc = await readSkill(path.join(root, 's', 'SKILL.md'), { cwd: root });
    expect(doc.readProblem).toMatchObject({ kind: 'symlink', message: `SKILL.md is a symbolic link to ${fifo}` });
    await mkdir(path.join(root, 'dangling'));
    await symlink('../nowhere/SKILL.md', path.join(root, 'dangling', 'SKILL.md'));
    expect((await readSkill(path.join(root, 'dangling', 'SKILL.md'), { cwd: root })).readProblem?.message).toBe(
      'SKILL.md is a symbolic link to ../nowhere/SKILL.md, which does not exist',
    );
  });

  it('lists the skill folder and flags symlinks that leave it', async () => {
    const outside = await tree({ 'secret.txt': 'secret' });
    const root = await tree({ 's/SKILL.md': '---\nname: s\n---\n', 's/references/a.md': 'a' });
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 's', 'leak.txt'));
    await symlink('references/a.md', path.join(root, 's', 'alias.md'));
    const doc = await readSkill(path.join(root, 's', 'SKILL.md'), { cwd: root });
    expect([...doc.files].sort()).toEqual(['SKILL.md', 'references/', 'references/a.md']);
    expect(doc.symlinks.map((s) => [s.path, s.inside]).sort()).toEqual([
      ['alias.md', true],
      ['leak.txt', false],
    ]);
    expect(doc.file).toBe('s/SKILL.md');
  });

  it('reads every size whole, with or without a stamp (small files skip the fstat)', async () => {
    const sizes = [0, 1, 3300, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000];
    const files = Object.fromEntries(sizes.map((n, i) => [`s${i}/SKILL.md`, 'abcdefghij'.repeat(Math.ceil(n / 10)).slice(0, n)]));
    const root = await tree(files);
    for (const [i, n] of sizes.entries()) {
      for (const stamp of [true, false]) {
        const doc = openSkill(path.join(root, `s${i}`, 'SKILL.md'), { cwd: root });
        const read = readSkillBytes(doc, { stamp });
        expect(doc.readProblem, `${n} bytes`).toBeUndefined();
        expect(Buffer.from(read.bytes!).toString(), `${n} bytes, stamp ${stamp}`).toBe(files[`s${i}/SKILL.md`]);
        expect(read.stamp?.size).toBe(stamp ? n : undefined);
      }
    }
  });

  it('refuses a FIFO or a folder named SKILL.md without waiting for a writer, with or without a stamp', async () => {
    const root = await tree({});
    await mkdir(path.join(root, 'fifo'));
    execFileSync('mkfifo', [path.join(root, 'fifo', 'SKILL.md')]);
    await mkdir(path.join(root, 'dir', 'SKILL.md'), { recursive: true });
    for (const name of ['fifo', 'dir']) {
      for (const stamp of [true, false]) {
        const doc = openSkill(path.join(root, name, 'SKILL.md'), { cwd: root });
        expect(readSkillBytes(doc, { stamp }).bytes).toBeUndefined();
        expect(doc.readProblem?.kind, `${name}, stamp ${stamp}`).toBe('not-a-file');
      }
    }
  });

  it('writes nothing while reading', async () => {
    const root = await tree({ 's/SKILL.md': '---\nname: s\ndescription: d\n---\n' });
    const before = execFileSync('find', [root, '-printf', '%p %s %T@\n']).toString();
    await readSkill(path.join(root, 's', 'SKILL.md'), { cwd: root });
    expect(execFileSync('find', [root, '-printf', '%p %s %T@\n']).toString()).toBe(before);
  });
});

describe('the fast paths of the reader agree with the plain ones', () => {
  /** What the reader did before its fast paths: a fatal TextDecoder, which drops one BOM itself. */
  function reference(bytes: Uint8Array): { text: string } | { problem: string } {
    // A UTF-16 byte order mark: called not UTF-8 (rather than binary, for its NULs).
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { problem: 'invalid-utf8' };
    if (bytes.includes(0)) return { problem: 'binary' };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { problem: 'invalid-utf8' };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text: text.replace(/\r\n?/g, '\n') };
  }
  const decoded = (bytes: Uint8Array) => {
    const d = decodeSkillText(bytes);
    return 'text' in d ? d : { problem: d.problem.kind };
  };

  it('decodes like a fatal TextDecoder: BOMs, line endings, astral characters, bad and truncated sequences', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const cases: Uint8Array[] = [
      new Uint8Array([]),
      enc('plain ascii\n'),
      enc('\uFEFF\uFEFF---\r\nname: two-boms\r\n'),
      enc('\uFEFF'),
      enc('a\rb\r\nc\n\r'),
      enc('dash — arrow → emoji 😀 CJK 日本語 \u0085 \u2028'),
      new Uint8Array([0x61, 0xc0, 0xaf]), // overlong
      new Uint8Array([0xed, 0xa0, 0x80]), // encoded surrogate
      new Uint8Array([0xf4, 0x90, 0x80, 0x80]), // over U+10FFFF
      new Uint8Array([0x61, 0xe2, 0x82]), // truncated
      new Uint8Array([0xff, 0x00]), // NUL wins over bad UTF-8
      new Uint8Array([0xff, 0xfe, 0x61, 0x00]), // UTF-16 LE: not UTF-8, whatever its NULs
      new Uint8Array([0xfe, 0xff, 0x00, 0x61]), // UTF-16 BE
    ];
    for (const bytes of cases) expect(decoded(bytes), JSON.stringify([...bytes])).toEqual(reference(bytes));
  });

  it('decodes arbitrary bytes and arbitrary text like a fatal TextDecoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decoded(bytes)).toEqual(reference(bytes));
      }),
      { numRuns: 2000 },
    );
    const text = fc.string({ unit: fc.constantFrom('a', '\r', '\n', '\uFEFF', 'é', '—', '😀', '\u0000', '\uFFFD'), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        const bytes = new TextEncoder().encode(t);
        expect(decoded(bytes)).toEqual(reference(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads into the document what reading the bytes and parsing them gives, at every size', async () => {
    const body = (n: number) => `---\nname: s\ndescription: é → ${'x'.repeat(n)}\n---\n# T\r\n`;
    const sizes = [0, 10, 3300, 64 * 1024 - 60, 64 * 1024, 64 * 1024 + 5, 200_000];
    const files: Record<string, string | Uint8Array> = Object.fromEntries(sizes.map((n, i) => [`s${i}/SKILL.md`, body(n)]));
    files['empty/SKILL.md'] = '';
    files['bin/SKILL.md'] = new Uint8Array([0x2d, 0x00]);
    files['latin1/SKILL.md'] = new Uint8Array([0x6e, 0xe9, 0x0a]);
    files['big/SKILL.md'] = 'x'.repeat(1024 * 1024 + 1);
    files['dir/SKILL.md/x'] = 'x';
    const root = await tree(files);
    const names = Object.keys(files).map((f) => f.split('/')[0]!);
    for (const name of names) {
      const file = path.join(root, name, 'SKILL.md');
      const fast = readSkillInto(openSkill(file, { cwd: root }));
      const plain = openSkill(file, { cwd: root });
      const { bytes } = readSkillBytes(plain, { stamp: false });
      if (bytes) parseSkillBytes(plain, bytes);
      expect(fast, name).toEqual(plain);
      expect(await readSkill(file, { cwd: root }), name).toEqual(plain);
    }
    // The scratch buffer is reused: what was read first is not changed by what is read next.
    const first = readSkillInto(openSkill(path.join(root, 's2', 'SKILL.md'), { cwd: root }));
    const text = first.body.text;
    readSkillInto(openSkill(path.join(root, 's1', 'SKILL.md'), { cwd: root }));
    expect(first.body.text).toBe(text);
  });

  it('opens a skill by any spelling of its path as path.resolve would', async () => {
    const root = await tree({ 'skills/a/SKILL.md': '---\nname: a\n---\n' });
    const want = openSkill(path.join(root, 'skills', 'a', 'SKILL.md'), { cwd: root });
    expect(want).toMatchObject({ path: path.join(root, 'skills/a/SKILL.md'), dir: path.join(root, 'skills/a'), folderName: 'a', file: 'skills/a/SKILL.md' });
    for (const spelling of ['skills/a/SKILL.md', './skills/a/SKILL.md', `${root}/skills/./a/SKILL.md`, `${root}//skills/a/SKILL.md`, `${root}/skills/b/../a/SKILL.md`]) {
      expect(openSkill(spelling, { cwd: root }), spelling).toEqual(want);
    }
    expect(openSkill('/SKILL.md', { cwd: root, listFiles: false })).toMatchObject({ path: '/SKILL.md', dir: '/', folderName: '' });
  });
});
