/**
 * Every shortcut the rules take for speed, tested where the slow path would have answered:
 * each helper against a copy of the straightforward implementation it replaced (property tests
 * over generated text), and each rule on the inputs either side of its shortcut's boundary.
 */
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/lint/rules/index.js';
import { isRegExpSpace, tokenizeToolList } from '../../src/lint/rules/allowed-tools-parse.js';
import { describesWhen, mostlyNonLatin } from '../../src/lint/rules/description-trigger.js';
import { charLength } from '../../src/lint/rules/frontmatter-fields.js';
import { checkExists, resolveLinkTarget } from '../../src/lint/rules/link-targets.js';
import { allNameProblems, nameProblems } from '../../src/lint/rules/name-format.js';
import { resolveSeverities, runSkillRules } from '../../src/lint/runner.js';
import type { SkillRule } from '../../src/lint/types.js';
import type { SkillDocument } from '../../src/skill/model.js';
import { parseSkillText } from '../../src/skill/read.js';
import type { Diagnostic } from '../../src/types.js';

const skillRules = allRules.filter((r): r is SkillRule => r.scope === 'skill');
// Every rule on, those off by default too: their fast paths are tested as well.
const severities = resolveSeverities(allRules, Object.fromEntries(allRules.filter((r) => r.severity === 'off').map((r) => [r.id, 'warning'])));
const settings = { externalSkills: new Set<string>() };

function lint(text: string, files: string[] = ['SKILL.md']): Diagnostic[] {
  const dir = '/virtual/skills/my-skill';
  const where = { path: `${dir}/SKILL.md`, file: 'skills/my-skill/SKILL.md', dir };
  const doc: SkillDocument = { ...where, folderName: 'my-skill', ...parseSkillText(text, where), files: new Set(files), symlinks: [], filesTruncated: false };
  return runSkillRules(doc, skillRules, severities, settings);
}
const only = (ds: Diagnostic[], id: string) => ds.filter((d) => d.ruleId === id);
const GOOD = 'Formats SQL files. Use when the user asks to clean up .sql code.';
const withFrontmatter = (lines: string, body = '# T\n\nDo the thing.\n') => `---\n${lines}\n---\n\n${body}`;
const quoted = (s: string) => JSON.stringify(s);
const withDescription = (description: string) => withFrontmatter(`name: my-skill\ndescription: ${quoted(description)}`);
const withBody = (body: string) => withFrontmatter(`name: my-skill\ndescription: ${GOOD}`, body);

/** Text that mixes ASCII, accented Latin, other scripts, astral characters and lone surrogates. */
const PIECES = ['a', 'Z', ' ', '.', '1', 'é', 'ß', 'Ω', 'ж', '中', 'ア', 'ا', '𝐀', '😀', '\ud800', '\udc00', '\u3000', '\u00a0', '\ufeff', '\u2028', '\t', 'ǅ', '\u0301'];
const mixedText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 60 }).map((xs) => xs.join(''));

describe('charLength', () => {
  const reference = (text: string) => [...text].length;

  it('counts code points as iterating the string does, lone surrogates included', () => {
    for (const text of ['', 'abc', '😀', 'a😀b', '\ud800', '\udc00', '\udc00\ud800', 'x\ud800', '\ud800\ud800\udc00', '😀'.repeat(3) + '\ud83d']) {
      expect(charLength(text)).toBe(reference(text));
    }
    fc.assert(fc.property(mixedText, (text) => charLength(text) === reference(text)));
  });
});

describe('isRegExpSpace and the tool-list tokenizer', () => {
  it('matches /\\s/ on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (isRegExpSpace(c) !== /\s/.test(String.fromCharCode(c))) throw new Error(`U+${c.toString(16)} differs`);
    }
  });

  it('splits on every character /\\s/ matches, and only on those', () => {
    const texts = (s: string) => tokenizeToolList(s).map((t) => [t.text, t.start, t.end]);
    expect(texts('Read\u3000Grep\u00a0Glob\ufeffWrite\u2028Edit\vLS')).toEqual([
      ['Read', 0, 4],
      ['Grep', 5, 9],
      ['Glob', 10, 14],
      ['Write', 15, 20],
      ['Edit', 21, 25],
      ['LS', 26, 28],
    ]);
    // U+200B (zero width space) and U+0085 (next line) are not whitespace to /\s/.
    expect(texts('Read\u200bGrep\u0085Glob')).toEqual([['Read\u200bGrep\u0085Glob', 0, 14]]);
  });

  it('tokenizes like the regex-per-character version it replaced', () => {
    const reference = (value: string) => {
      const tokens: Array<{ text: string; start: number; end: number }> = [];
      let depth = 0;
      let start = -1;
      const flush = (end: number) => {
        if (start >= 0) tokens.push({ text: value.slice(start, end), start, end });
        start = -1;
      };
      for (let i = 0; i < value.length; i++) {
        const c = value[i]!;
        if (depth === 0 && (c === ',' || /\s/.test(c))) {
          flush(i);
          continue;
        }
        if (start < 0) start = i;
        if (c === '\\' && i + 1 < value.length) {
          i++;
          continue;
        }
        if (c === '(') depth++;
        else if (c === ')' && depth > 0) depth--;
      }
      flush(value.length);
      return tokens;
    };
    const toolText = fc.array(fc.constantFrom('Read', 'Bash(', ')', '(', '\\', ',', ' ', '\u3000', '\t', 'git diff:*', 'mcp__a__b', '\ud800', 'é'), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(fc.property(fc.oneof(toolText, mixedText), (text) => {
      expect(tokenizeToolList(text)).toEqual(reference(text));
    }));
  });
});

describe('allowed-tools entries', () => {
  it('places each entry in its own document when the same list text is parsed for several', () => {
    // The second document has the same list one column further right: positions must not be shared.
    const first = only(lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\nallowed-tools: Read Bahs`)), 'allowed-tools-known');
    const second = only(lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\nallowed-tools:  Read Bahs`)), 'allowed-tools-known');
    expect(first.map((d) => [d.line, d.column, d.endColumn])).toEqual([[4, 21, 25]]);
    expect(second.map((d) => [d.line, d.column, d.endColumn])).toEqual([[4, 22, 26]]);
  });

  it('parses a list text too long to be kept the same way', () => {
    const long = `${'Read '.repeat(50)}Bahs`;
    expect(long.length).toBeGreaterThan(200);
    const ds = only(lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\nallowed-tools: ${long}`)), 'allowed-tools-known');
    expect(ds.map((d) => [d.line, d.column, d.message])).toEqual([[4, 16 + 250, 'allowed-tools names `Bahs`, which is not a Claude Code tool']]);
  });

  it('classifies bare tool names on the short path and everything else as before', () => {
    const ds = lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\nallowed-tools:\n  - Read\n  - mcp__github__x\n  - Bash\n  - Bash(\n  - read_file`));
    expect(only(ds, 'allowed-tools-format').map((d) => d.message)).toEqual(['allowed-tools entry `Bash(` has an unclosed parenthesis']);
    expect(only(ds, 'allowed-tools-known').map((d) => d.message)).toEqual(['allowed-tools names `read_file`, which is not a Claude Code tool']);
    expect(only(ds, 'allowed-tools-bash-unscoped').map((d) => d.line)).toEqual([7]);
  });
});

describe('description length shortcuts', () => {
  it('description-length: within 1,024 UTF-16 units needs no count; above, characters decide', () => {
    expect(only(lint(withDescription('a'.repeat(1024))), 'description-length')).toEqual([]);
    expect(only(lint(withDescription('a'.repeat(1025))), 'description-length').map((d) => d.message)).toEqual([
      '`description` is 1,025 characters, over the 1,024-character limit',
    ]);
    // 1,026 units but 513 characters: over the unit shortcut, within the limit.
    expect(only(lint(withDescription('😀'.repeat(513))), 'description-length')).toEqual([]);
    expect(only(lint(withDescription('😀'.repeat(1025))), 'description-length').map((d) => d.message)).toEqual([
      '`description` is 1,025 characters, over the 1,024-character limit',
    ]);
  });

  it('compatibility-length: the same shortcut at 500', () => {
    const compat = (v: string) => only(lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\ncompatibility: ${quoted(v)}`)), 'compatibility-length');
    expect(compat('a'.repeat(500))).toEqual([]);
    expect(compat('😀'.repeat(500))).toEqual([]);
    expect(compat('😀'.repeat(501)).map((d) => d.message)).toEqual(['`compatibility` is 501 characters, over the 500-character limit']);
  });

  it('description-min-length: 80 units are surely 40 characters; fewer are counted', () => {
    const min = (d: string) => only(lint(withDescription(d)), 'description-min-length').map((x) => x.message);
    expect(min('😀'.repeat(40))).toEqual([]); // 80 units: the shortcut
    expect(min('😀'.repeat(39) + 'a')).toEqual([]); // 79 units, 40 characters: counted
    expect(min('😀'.repeat(39))).toEqual(['`description` is only 39 characters long']);
    expect(min(`  ${'a'.repeat(39)}  `)).toEqual(['`description` is only 39 characters long']);
  });

  it('description-trigger: a stub is left to description-min-length on both sides of the shortcut', () => {
    const trigger = (d: string) => only(lint(withDescription(d)), 'description-trigger').length;
    expect(trigger('😀'.repeat(39))).toBe(0);
    expect(trigger(`Formats SQL. ${'😀'.repeat(30)}`)).toBe(1); // 73 units, 43 characters, no "when"
  });
});

describe('description-trigger: phrase first, script scan only when no phrase is found', () => {
  const reference = (text: string) => {
    let latin = 0;
    let other = 0;
    for (const c of text) {
      if (/[A-Za-z]/.test(c)) latin++;
      else if (/\p{L}/u.test(c) && !/\p{Script=Latin}/u.test(c)) other++;
    }
    return other > latin;
  };

  it('mostlyNonLatin answers like the per-character regex version, early exits included', () => {
    for (const text of ['', 'ab', '中', 'a中', '中a', 'ab中中中', '中中ab', 'é中', '𝐀', '😀中', 'a\ud800中', 'ǅ中', 'ab' + '中'.repeat(3) + 'cd']) {
      expect(mostlyNonLatin(text)).toBe(reference(text));
    }
    fc.assert(fc.property(mixedText, (text) => mostlyNonLatin(text) === reference(text)));
  });

  it('judges a description with a trigger phrase as fine whatever its script, and skips non-Latin ones without', () => {
    const trigger = (d: string) => only(lint(withDescription(d)), 'description-trigger').length;
    expect(trigger('PDF ファイルからテキストと表を抽出します。フォームの入力にも対応しています when')).toBe(0);
    expect(trigger('PDF ファイルからテキストと表を抽出します。フォームの入力にも対応しています。')).toBe(0);
    expect(trigger('Extracts text and tables from PDF files and fills in forms quickly.')).toBe(1);
    expect(describesWhen('PDF ファイルからテキストと表を抽出します when')).toBeUndefined();
    expect(describesWhen('Extracts tables. Use when the user asks.')).toBe(true);
  });
});

describe('name shortcuts', () => {
  const reference = allNameProblems;

  it('nameProblems: a name the pattern accepts has no problems; anything else gets the full check', () => {
    for (const name of ['a', 'pdf-tools', 'x'.repeat(64), 'x'.repeat(65), 'a--b', '-a', 'a-', '-', '', 'A', 'a_b', 'é', 'a\n', '0-0']) {
      expect(nameProblems(name)).toEqual(reference(name));
    }
    const nameLike = fc.array(fc.constantFrom('a', 'z', '0', '-', 'A', '_', ' ', 'é', '😀', '\n'), { maxLength: 70 }).map((xs) => xs.join(''));
    fc.assert(fc.property(fc.oneof(nameLike, mixedText), (name) => {
      expect(nameProblems(name)).toEqual(reference(name));
    }));
  });

  it('name-reserved: finds the words in any ASCII case, and only where lowercasing would', () => {
    const reserved = (name: string) => only(lint(withFrontmatter(`name: ${quoted(name)}\ndescription: ${GOOD}`)), 'name-reserved').map((d) => d.message);
    expect(reserved('my-CLAUDE-tool')).toEqual(['`name` "my-CLAUDE-tool" contains the reserved word "claude"']);
    // Both words: the list order decides, not the position.
    expect(reserved('claude-anthropic')).toEqual(['`name` "claude-anthropic" contains the reserved word "anthropic"']);
    // U+0130 lowercases to "i" plus a combining dot, U+212A (Kelvin) to "k": neither completes a word.
    expect(reserved('anthropİc')).toEqual([]);
    expect(reserved('ｃｌａｕｄｅ')).toEqual([]);
    expect(reserved('pdf-tools')).toEqual([]);
  });
});

describe('link shortcuts', () => {
  const reference = (target: string) => {
    const t = target.trim();
    let bare = t.replace(/[?#].*$/, '');
    // `/plugin:skill` (with an anchor or a query too) names a skill, not a file.
    if (t === '' || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//') || t.startsWith('#') || /^\/[\w.-]+:[\w.-]+$/.test(bare)) return { kind: 'external' };
    if (bare.includes('%')) {
      try {
        bare = decodeURIComponent(bare);
      } catch {
        /* kept as written */
      }
    }
    if (bare.startsWith('/')) return { kind: 'absolute', rel: bare };
    const isDir = bare.endsWith('/') || bare === '.' || bare === '';
    const norm = path.posix.normalize(bare === '' ? '.' : bare).replace(/\/$/, '');
    if (norm === '..' || norm.startsWith('../')) return { kind: 'outside', rel: norm };
    return { kind: 'inside', rel: norm === '.' ? '' : norm, isDir };
  };

  it('resolveLinkTarget: plain relative paths take the short path and resolve as before', () => {
    const examples = ['references/x.md', 'a..b/c..d/e.md', '-/x.md', '_/_.md', 'x', 'a-b_c.d', 'a/b.', '..a/b', 'x:y', 'C:/x.md'];
    // Each of these is one character away from a plain path and must take the full route.
    const nearMisses = ['.hidden/x.md', './x.md', '../x.md', '.', '..', 'a/./b.md', 'a/../b.md', 'a//b.md', 'a/', '/a', 'a/.', 'a/..', ' a', 'a%20b', 'a#b', 'a?b', 'a\\b'];
    for (const t of [...examples, ...nearMisses]) {
      expect(resolveLinkTarget(t)).toEqual(reference(t));
    }
    const target = fc.array(fc.constantFrom('a', 'b', '.', '/', '-', '_', '..', '%20', '%', '#', '?', ':', ' ', '\\', 'é', 'md'), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(target, (t) => {
        expect(resolveLinkTarget(t)).toEqual(reference(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('checkExists: a file is found by its own entry, a folder by its `/` entry', () => {
    const skill = { files: new Set(['SKILL.md', 'references/', 'references/x.md']), symlinks: [], filesTruncated: false };
    expect(checkExists(skill, 'references/x.md', false)).toEqual({ exists: true });
    expect(checkExists(skill, 'references', false)).toEqual({ exists: true });
    expect(checkExists(skill, 'references', true)).toEqual({ exists: true });
    // A folder path that only matches a file is missing (the file is offered as the spelling).
    expect(checkExists(skill, 'SKILL.md', true)).toEqual({ exists: false, caseMismatch: 'SKILL.md' });
  });

  it('references-depth: one `/` is one level (no report); deeper documents are reported once', () => {
    const files = ['SKILL.md', 'references/', 'references/a/', 'references/a/b.md', 'references/a/b.py', 'references/x.md', 'a/', 'a/b/', 'a/b/c.txt'];
    const body = '[x](references/x.md) [y](references/a/b.md) [z](references/a/b.md) [p](references/a/b.py) [t](a//b/c.txt) [s](a//x.md)\n';
    expect(only(lint(withBody(body), files), 'references-depth').map((d) => d.message)).toEqual([
      '`references/a/b.md` is 2 folders deep; keep referenced documents one level below SKILL.md',
      '`a/b/c.txt` is 2 folders deep; keep referenced documents one level below SKILL.md',
    ]);
  });
});

describe('body and frontmatter shortcuts', () => {
  it('body-empty: a code block is content; otherwise the first instruction line ends the scan', () => {
    const empty = (body: string) => only(lint(withBody(body)), 'body-empty').map((d) => d.message);
    expect(empty('# T\n\n```\n```\n')).toEqual([]);
    expect(empty('# T\n## U\n\n\u3000\n\r\n  ---\nText\n===\n')).toEqual(['SKILL.md has headings but no instructions']);
    expect(empty(`${'# H\n'.repeat(50)}then one line of instructions\n`)).toEqual([]);
    expect(empty('\n\u00a0\n\ufeff\n')).toEqual(['SKILL.md has no body after the frontmatter']);
  });

  it('code-fence-unclosed: quotes the fence of an unclosed block after closed ones', () => {
    const ds = only(lint(withBody('```ts\nx\n```\n\nText\n\n  ~~~~bash\nrun\n')), 'code-fence-unclosed');
    expect(ds.map((d) => [d.line, d.message])).toEqual([[12, 'code block opened with ~~~~ on line 12 is never closed; the rest of the file becomes code']]);
  });

  it('description-xml: no `<`, no tag; a `<` that opens no tag, no report', () => {
    const xml = (d: string) => only(lint(withDescription(d)), 'description-xml').map((x) => x.message);
    expect(xml(`${GOOD} <example> x`)).toEqual(['`description` contains the tag `<example>`']);
    expect(xml(`${GOOD} <b>bold</b>`)).toEqual(['`description` contains the tag `<b>`']);
    expect(xml(`${GOOD} a < b > c`)).toEqual([]);
    expect(xml(GOOD)).toEqual([]);
  });

  it('frontmatter-portable: a bare `=` value is found; an `=` inside a value is not', () => {
    const portable = (extra: string) => only(lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\n${extra}`)), 'frontmatter-portable').map((d) => d.line);
    expect(portable('license: =')).toEqual([4]);
    expect(portable('license: = # a comment\nversion: "1"')).toEqual([4]);
    expect(portable('license: a=b')).toEqual([]);
    expect(portable('license: MIT')).toEqual([]);
  });

  it('frontmatter-types: a valid field gets nothing, a wrong one the same finding as before', () => {
    const types = (extra: string) => only(lint(withFrontmatter(`name: my-skill\ndescription: ${GOOD}\n${extra}`)), 'frontmatter-types').map((d) => [d.line, d.column, d.message]);
    expect(types('license: MIT\nallowed-tools: [Read]\nmetadata:\n  a: "1"')).toEqual([]);
    expect(types('license: 1.0')).toEqual([[4, 10, '`license` is the number 1 (written `1.0`, read as 1), not a string']]);
    expect(types('effort: 1.5')).toEqual([[4, 9, '`effort` is the number 1.5; it must be a string or a whole number']]);
  });
});
