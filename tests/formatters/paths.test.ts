import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeSegment,
  fileUri,
  folderUri,
  isAbsolutePath,
  pathFlavour,
  relativeUri,
  reportPath,
} from '../../src/lint/formatters/paths.js';
import { isUriReference } from './sarif-schema.js';

/** RFC 3986 `segment`: unreserved, sub-delims, `:`, `@` and percent-escapes, nothing else. */
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})*$/u;

describe('pathFlavour', () => {
  it('reads a drive or UNC working directory as Windows, anything else as POSIX', () => {
    for (const cwd of ['C:\\Users\\dev', 'c:/x', 'D:\\', '\\\\server\\share', '\\\\server\\share\\repo', '\\\\?\\C:\\long']) {
      expect(pathFlavour(cwd), cwd).toBe('win32');
    }
    // A POSIX cwd is absolute: it starts with `/`, whatever its names hold.
    for (const cwd of ['/', '/home/dev', '/C:/x', '/tmp/a\\b', '//server/share', '/\\\\server\\share']) {
      expect(pathFlavour(cwd), cwd).toBe('posix');
    }
  });
});

describe('reportPath and isAbsolutePath', () => {
  it('turns \\ into / only in a Windows path', () => {
    expect(reportPath('skills\\a\\SKILL.md', 'win32')).toBe('skills/a/SKILL.md');
    expect(reportPath('skills\\a/SKILL.md', 'win32')).toBe('skills/a/SKILL.md');
    expect(reportPath('skills/a\\b/SKILL.md', 'posix')).toBe('skills/a\\b/SKILL.md');
    expect(reportPath('C:\\x', 'posix')).toBe('C:\\x');
  });

  it('knows C: as a drive only on Windows', () => {
    expect(isAbsolutePath('C:/skills/x/SKILL.md', 'posix')).toBe(false);
    expect(isAbsolutePath('C:\\skills', 'posix')).toBe(false);
    expect(isAbsolutePath('\\\\server\\share\\x', 'posix')).toBe(false);
    expect(isAbsolutePath('/home/x', 'posix')).toBe(true);
    for (const file of ['C:/skills', 'C:\\skills', '\\\\server\\share\\x', '//server/share/x', '/rooted', '\\rooted']) {
      expect(isAbsolutePath(file, 'win32'), file).toBe(true);
    }
    expect(isAbsolutePath('skills\\x', 'win32')).toBe(false);
  });
});

describe('URIs', () => {
  it('percent-encodes every name into one valid RFC 3986 segment', () => {
    const names = ['a\\b', 'C:', '100%', '#1', 'what?', 'a b', 'ünï 日本', '🚀', '[x]', 'a|b^c`d{e}<f>"g"', '%2F', '%5C', 'tab\there', 'nl\nx'];
    let all = '';
    for (let code = 1; code < 128; code++) if (code !== 0x2f) all += String.fromCharCode(code);
    for (const name of [...names, all]) {
      const segment = encodeSegment(name);
      expect(segment, name).toMatch(SEGMENT);
      expect(decodeURIComponent(segment), name).toBe(name);
    }
    expect(encodeSegment('a\\b')).toBe('a%5Cb');
    expect(encodeSegment('x\ud800y')).toBe('x%EF%BF%BDy');
    expect(encodeSegment('\udc00\ud83d\ude80')).toBe('%EF%BF%BD%F0%9F%9A%80');
  });

  it('writes relative references whose first segment is never read as a scheme', () => {
    expect(relativeUri('C:/skills/x/SKILL.md', 'posix')).toBe('C%3A/skills/x/SKILL.md');
    expect(relativeUri('a\\b/SKILL.md', 'posix')).toBe('a%5Cb/SKILL.md');
    expect(relativeUri('a\\b/SKILL.md', 'win32')).toBe('a/b/SKILL.md');
    for (const file of ['C:/skills/x/SKILL.md', 'http:x', 'a\\b/c #1?/SKILL.md']) {
      expect(isUriReference(relativeUri(file, 'posix')), file).toBe(true);
    }
  });

  it('writes file URIs for POSIX and Windows absolute paths', () => {
    expect(fileUri('/cwd', '/home/a\\b/C:/x y#?%.md', 'posix')).toBe('file:///home/a%5Cb/C%3A/x%20y%23%3F%25.md');
    expect(fileUri('/cwd', '/a/./b/../c', 'posix')).toBe('file:///a/c');
    expect(fileUri('C:\\cwd', 'D:\\x y\\SKILL.md', 'win32')).toBe('file:///D:/x%20y/SKILL.md');
    expect(fileUri('C:\\cwd', 'D:/mixed\\sep', 'win32')).toBe('file:///D:/mixed/sep');
    expect(fileUri('C:\\cwd', '\\rooted', 'win32')).toBe('file:///C:/rooted');
    expect(fileUri('\\\\srv\\share\\cwd', '\\rooted', 'win32')).toBe('file://srv/share/rooted');
    expect(fileUri('C:\\cwd', '\\\\srv\\share\\a b', 'win32')).toBe('file://srv/share/a%20b');
    expect(fileUri('C:\\cwd', '\\\\?\\D:\\long\\x', 'win32')).toBe('file:///D:/long/x');
    expect(fileUri('C:\\cwd', '\\\\?\\UNC\\srv\\share\\x', 'win32')).toBe('file://srv/share/x');
    expect(folderUri('/', 'posix')).toBe('file:///');
    expect(folderUri('/home/dev/', 'posix')).toBe('file:///home/dev/');
    expect(folderUri('/home/a\\b', 'posix')).toBe('file:///home/a%5Cb/');
    expect(folderUri('C:\\', 'win32')).toBe('file:///C:/');
    expect(folderUri('C:\\Users\\dev', 'win32')).toBe('file:///C:/Users/dev/');
    expect(folderUri('\\\\srv\\share', 'win32')).toBe('file://srv/share/');
    for (const uri of [fileUri('/cwd', '/a\\b', 'posix'), folderUri('\\\\srv\\share', 'win32'), fileUri('C:\\', 'D:\\x', 'win32')]) {
      expect(URL.canParse(uri), uri).toBe(true);
      expect(isUriReference(uri), uri).toBe(true);
    }
  });

  describe('on a real POSIX folder', () => {
    let root: string;
    const files = ['a\\b/SKILL.md', 'C:/skills/x/SKILL.md', 'C:\\y/SKILL.md', '100%, #1 ?/ünï 日本 [x]|^.md', '%5C/%2F.md'];

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'vibe-paths-c\\w d%-'));
      for (const file of files) {
        await mkdir(join(root, file, '..'), { recursive: true });
        await writeFile(join(root, file), 'x');
      }
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('resolves every relative URI against the folder URI, and every file URI, back to the file', () => {
      expect(pathFlavour(root)).toBe('posix');
      const base = folderUri(root, 'posix');
      expect(fileURLToPath(base)).toBe(`${root}/`);
      for (const file of files) {
        expect(isAbsolutePath(file, 'posix'), file).toBe(false);
        const viaBase = fileURLToPath(new URL(relativeUri(file, 'posix'), base));
        const direct = fileURLToPath(fileUri(root, join(root, file), 'posix'));
        expect(viaBase, file).toBe(join(root, file));
        expect(direct, file).toBe(join(root, file));
        expect(existsSync(viaBase), file).toBe(true);
      }
    });
  });
});
