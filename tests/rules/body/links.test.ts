/** links-exist, file-mentions-exist, links-inside-skill, references-depth: real skill folders, real pipeline. */
import { describe, expect, it } from 'vitest';
import { resolveLinkTarget } from '../../../src/lint/rules/link-targets.js';
import { lintSkill, only, skillMd } from '../../helpers/skill-tree.js';

const withBody = (lines: string[]) => skillMd('my-skill', { body: `# My skill\n\n${lines.join('\n')}\n` });
/** Body line n (1-based) is file line n + 7: frontmatter (4 lines), a blank line, the title, a blank line. */
const at = (n: number) => n + 7;

describe('links-exist', () => {
  it('passes for links, images and definitions that exist (anchors, queries, escapes, folders, ./)', async () => {
    const text = withBody([
      'Read [retries](references/retries.md#backoff) and [the form](./references/my%20form.md?plain=1).',
      '![chart](assets/chart.png) <img src="assets/chart.png"> [refs](references/) [home](./)',
      '[def]: references/retries.md',
      '[web](https://example.com) [mail](mailto:a@b.c) [top](#my-skill) [proto](//cdn.example.com/x.js)',
    ]);
    const result = await lintSkill(text, {
      files: { 'references/retries.md': '# r\n', 'references/my form.md': '# f\n', 'assets/chart.png': 'png' },
    });
    expect(only(result, 'links-exist')).toEqual([]);
  });

  it('reports a missing target with its line and column and a did-you-mean', async () => {
    const text = withBody(['Intro.', 'See [retries](references/retry.md) and ![x](assets/missing.png).']);
    const result = await lintSkill(text, { files: { 'references/retries.md': '# r\n' } });
    expect(only(result, 'links-exist').map((d) => [d.severity, d.line, d.column, d.message, d.hint])).toEqual([
      ['error', at(2), 5, 'link target `references/retry.md` does not exist in the skill folder', 'did you mean `references/retries.md`?'],
      ['error', at(2), 40, 'image target `assets/missing.png` does not exist in the skill folder', 'add assets/missing.png to the skill folder or fix the path (relative to SKILL.md)'],
    ]);
  });

  it('says when only the case differs, and finds the same file in another folder', async () => {
    const text = withBody(['[a](References/Guide.md) [b](reference/forms.md)']);
    const result = await lintSkill(text, { files: { 'references/guide.md': 'x', 'references/forms.md': 'x' } });
    expect(only(result, 'links-exist').map((d) => d.hint)).toEqual([
      'the file is `references/guide.md`: paths are case-sensitive on Linux and in installs',
      'did you mean `references/forms.md`?',
    ]);
  });

  it('ignores links in code and leaves file mentions to file-mentions-exist', async () => {
    const text = withBody(['`[x](nope.md)`', '```md', '[y](nope.md)', '```', 'Run `scripts/nope.py`.']);
    const result = await lintSkill(text);
    expect(only(result, 'links-exist')).toEqual([]);
    expect(only(result, 'file-mentions-exist')).toHaveLength(1);
  });
});

describe('file-mentions-exist', () => {
  it('passes when mentioned files exist', async () => {
    const text = withBody(['Read `references/forms.md` and run `./scripts/check.py`.']);
    const result = await lintSkill(text, { files: { 'references/forms.md': 'x', 'scripts/check.py': 'print(1)' } });
    expect(only(result, 'file-mentions-exist')).toEqual([]);
  });

  it('warns about a mentioned file that is missing, at the code span', async () => {
    const text = withBody(['Then run `scripts/chek.py` on the output.']);
    const result = await lintSkill(text, { files: { 'scripts/check.py': 'print(1)' } });
    expect(only(result, 'file-mentions-exist').map((d) => [d.severity, d.line, d.column, d.hint])).toEqual([
      ['warning', at(1), 11, 'did you mean `scripts/check.py`?'],
    ]);
  });
});

describe('file-mentions-exist on examples', () => {
  it('does not take "a `scripts/x.py` script" for a file of the skill, but still checks "the `scripts/x.py` script"', async () => {
    const text = withBody([
      '2. A `scripts/rotate_pdf.py` script would be helpful to store in the skill',
      '3. An `assets/hello/` template, or any `references/schema.md` file',
      'Run the `scripts/build.py` script.',
      // The last "a" of banana sits exactly 30 characters before the mention: a cut word, not an article.
      `A banana ${'w'.repeat(27)} \`scripts/peel.py\` does it.`,
    ]);
    const result = await lintSkill(text);
    expect(only(result, 'file-mentions-exist').map((d) => [d.line, d.message.split(' ')[0]])).toEqual([
      [at(3), '`scripts/build.py`'],
      [at(4), '`scripts/peel.py`'],
    ]);
  });
});

describe('file-mentions-exist on files the instructions make or the user owns', () => {
  it('does not take "Create `scripts/x.sh`" or "your `scripts/x.sh`" for a file of the skill, but still checks "Run `scripts/x.sh`"', async () => {
    const text = withBody([
      '6. **Missing scripts**: Create `scripts/generate-secrets.sh` from the template',
      'Create the script at `scripts/session-start.sh` (or `.claude/hooks/x.sh`).',
      '### Step 4: Create or update `scripts/install_pkgs.sh`',
      'This step generates `scripts/install_pkgs.sh` with one block per tool.',
      'Check your `scripts/seed.ts` for completeness.',
      'Run `scripts/check.sh` once, then `scripts/created.sh`.',
    ]);
    const result = await lintSkill(text);
    expect(only(result, 'file-mentions-exist').map((d) => [d.line, d.message.split(' ')[0]])).toEqual([
      [at(6), '`scripts/check.sh`'],
      [at(6), '`scripts/created.sh`'],
    ]);
  });
});

describe('links-inside-skill', () => {
  it('passes for links that stay in the folder, even through ../ inside it', async () => {
    const text = withBody(['[a](references/../references/a.md)']);
    const result = await lintSkill(text, { files: { 'references/a.md': 'x' } });
    expect(only(result, 'links-inside-skill')).toEqual([]);
  });

  it('reports ../ links and absolute paths, suggesting a skill name for a sibling skill', async () => {
    const text = withBody(['[other](../other-skill/SKILL.md)', '[shared](../../docs/setup.md)', '[adr](/docs/adr/1.md)']);
    const result = await lintSkill(text);
    expect(only(result, 'links-inside-skill').map((d) => [d.severity, d.line, d.message, d.hint])).toEqual([
      [
        'error',
        at(1),
        '`../other-skill/SKILL.md` leaves the skill folder; installers such as the `skills` CLI copy only the skill folder, so it breaks after install',
        'refer to the skill by name instead: the `other-skill` skill',
      ],
      [
        'error',
        at(2),
        '`../../docs/setup.md` leaves the skill folder; installers such as the `skills` CLI copy only the skill folder, so it breaks after install',
        'copy the file into this skill (e.g. references/) and link it relatively, or refer to the other skill by name',
      ],
      ['error', at(3), '`/docs/adr/1.md` is an absolute path; installed skills cannot reach it', expect.any(String)],
    ]);
    // A link that leaves the folder is one problem, not also a missing file.
    expect(only(result, 'links-exist')).toEqual([]);
  });
});

/** references-depth is off by default (a layout convention, not the specification's reference chains). */
const DEPTH_ON = { 'references-depth': 'warning' } as const;

describe('references-depth', () => {
  it('is off by default: a nested document linked from SKILL.md is read in full, so nothing is reported', async () => {
    const text = withBody(['[a](references/api/errors.md)']);
    const result = await lintSkill(text, { files: { 'references/api/errors.md': 'x' } });
    expect(only(result, 'references-depth')).toEqual([]);
    expect(result.rules.map((r) => r.id)).not.toContain('references-depth');
  });

  it('passes for documents one level deep and for nested scripts and images', async () => {
    const text = withBody(['[a](references/a.md) `scripts/lib/util.py` ![i](assets/img/x.png) [b](references/a.md)']);
    const result = await lintSkill(text, { files: { 'references/a.md': 'x', 'scripts/lib/util.py': 'x', 'assets/img/x.png': 'x' }, rules: DEPTH_ON });
    expect(only(result, 'references-depth')).toEqual([]);
  });

  it('warns once per document nested deeper', async () => {
    const text = withBody(['[a](references/api/errors.md)', 'Again: `references/api/errors.md`.']);
    const result = await lintSkill(text, { files: { 'references/api/errors.md': 'x' }, rules: DEPTH_ON });
    expect(only(result, 'references-depth').map((d) => [d.severity, d.line, d.message, d.hint])).toEqual([
      [
        'warning',
        at(1),
        '`references/api/errors.md` is 2 folders deep; keep referenced documents one level below SKILL.md',
        'move it to references/api-errors.md and link it from SKILL.md',
      ],
    ]);
  });
});

describe('resolveLinkTarget', () => {
  it('classifies targets', () => {
    expect(resolveLinkTarget('https://x.dev/a.md')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('mailto:a@b.c')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('//cdn/x.js')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('#usage')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('./references/my%20file.md?raw=1#top')).toEqual({ kind: 'inside', rel: 'references/my file.md', isDir: false });
    expect(resolveLinkTarget('references/100%.md')).toEqual({ kind: 'inside', rel: 'references/100%.md', isDir: false });
    expect(resolveLinkTarget('references/')).toEqual({ kind: 'inside', rel: 'references', isDir: true });
    expect(resolveLinkTarget('./')).toEqual({ kind: 'inside', rel: '', isDir: true });
    expect(resolveLinkTarget('a/../../b.md')).toEqual({ kind: 'outside', rel: '../b.md' });
    expect(resolveLinkTarget('/etc/passwd')).toEqual({ kind: 'absolute', rel: '/etc/passwd' });
  });

  it('reads ${CLAUDE_SKILL_DIR} as the skill folder, as Claude Code substitutes it', () => {
    expect(resolveLinkTarget('${CLAUDE_SKILL_DIR}/references/guide.md')).toEqual({ kind: 'inside', rel: 'references/guide.md', isDir: false });
    expect(resolveLinkTarget('${CLAUDE_SKILL_DIR}')).toEqual({ kind: 'inside', rel: '', isDir: true });
    expect(resolveLinkTarget('${CLAUDE_SKILL_DIR}/../other/SKILL.md')).toEqual({ kind: 'outside', rel: '../other/SKILL.md' });
  });

  it('checks ${CLAUDE_SKILL_DIR}/ links against the skill folder, without a depth warning for the variable', async () => {
    const text = withBody(['[g](${CLAUDE_SKILL_DIR}/references/guide.md) [m](${CLAUDE_SKILL_DIR}/templates/report.md)']);
    const result = await lintSkill(text, { files: { 'references/guide.md': 'x', 'scripts/run.py': 'x' }, rules: DEPTH_ON });
    expect(only(result, 'references-depth')).toEqual([]);
    expect(only(result, 'links-exist').map((d) => [d.message, d.hint])).toEqual([
      ['link target `${CLAUDE_SKILL_DIR}/templates/report.md` does not exist in the skill folder', 'add templates/report.md to the skill folder or fix the path (relative to SKILL.md)'],
    ]);
  });

  it('reads {baseDir} as the skill folder too: the model resolves it from "Base directory for this skill"', async () => {
    expect(resolveLinkTarget('{baseDir}/references/guide.md')).toEqual({ kind: 'inside', rel: 'references/guide.md', isDir: false });
    expect(resolveLinkTarget('{baseDir}')).toEqual({ kind: 'inside', rel: '', isDir: true });
    expect(resolveLinkTarget('{baseDir}/../other/SKILL.md')).toEqual({ kind: 'outside', rel: '../other/SKILL.md' });
    expect(resolveLinkTarget('{baseDir}x/guide.md')).toEqual({ kind: 'inside', rel: '{baseDir}x/guide.md', isDir: false });
    // Only an anchor or a query after it: still the folder itself (they were reported missing).
    expect(resolveLinkTarget('{baseDir}#usage')).toEqual({ kind: 'inside', rel: '', isDir: true });
    expect(resolveLinkTarget('${CLAUDE_SKILL_DIR}?raw=1')).toEqual({ kind: 'inside', rel: '', isDir: true });
    const text = withBody(['[g]({baseDir}/references/guide.md) [m]({baseDir}/templates/report.md)']);
    const result = await lintSkill(text, { files: { 'references/guide.md': 'x', 'scripts/run.py': 'x' }, rules: DEPTH_ON });
    expect(only(result, 'references-depth')).toEqual([]);
    expect(only(result, 'links-exist').map((d) => [d.message, d.hint])).toEqual([
      ['link target `{baseDir}/templates/report.md` does not exist in the skill folder', 'add templates/report.md to the skill folder or fix the path (relative to SKILL.md)'],
    ]);
  });

  it('reads a /plugin:skill target as a skill reference, not an absolute path', async () => {
    expect(resolveLinkTarget('/acme:deploy')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('/acme:deploy/references/x.md')).toEqual({ kind: 'absolute', rel: '/acme:deploy/references/x.md' });
    // An anchor or a query does not make it a path, as for any other link.
    expect(resolveLinkTarget('/acme:deploy#rollback')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('/acme:deploy?env=prod')).toEqual({ kind: 'external' });
    expect(resolveLinkTarget('/C:/x#y')).toEqual({ kind: 'absolute', rel: '/C:/x' });
    const result = await lintSkill(withBody(['Then load the [deploy](/acme:deploy) skill ([rollback](/acme:deploy#rollback)); see [the ADR](/docs/adr.md).']));
    expect(only(result, 'links-exist')).toEqual([]);
    expect(only(result, 'links-inside-skill').map((d) => d.message)).toEqual(['`/docs/adr.md` is an absolute path; installed skills cannot reach it']);
  });

  it('reports a ${CLAUDE_PLUGIN_ROOT} link as leaving the skill folder, not as a missing file', async () => {
    expect(resolveLinkTarget('${CLAUDE_PLUGIN_ROOT}/scripts')).toEqual({ kind: 'outside', rel: '${CLAUDE_PLUGIN_ROOT}/scripts' });
    const result = await lintSkill(withBody(['Run [the scanner](${CLAUDE_PLUGIN_ROOT}/scripts).']));
    expect(only(result, 'links-exist')).toEqual([]);
    expect(only(result, 'links-inside-skill').map((d) => d.message)).toEqual([
      '`${CLAUDE_PLUGIN_ROOT}/scripts` leaves the skill folder; installers such as the `skills` CLI copy only the skill folder, so it breaks after install',
    ]);
  });

  it('reports a backslash path as missing: it names no file on Linux or macOS', async () => {
    const result = await lintSkill(withBody(['[r](references\\retries.md)']), { files: { 'references/retries.md': 'x' } });
    expect(only(result, 'links-exist').map((d) => d.hint)).toEqual(['did you mean `references/retries.md`?']);
  });
});
