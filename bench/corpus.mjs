/**
 * Deterministic synthetic skill corpus for the benchmark.
 *
 * Each skill is a realistic SKILL.md of ~3.3 KB: frontmatter with name, description (plain,
 * folded or quoted), allowed-tools (comma list, space list or YAML list), sometimes license and
 * metadata; then Purpose / When to Use / When NOT to Use / Pattern (TypeScript and shell code
 * fences) / Common Mistakes / References (links to references/ files that exist) / Composes
 * With (cross-references to other skills of the corpus). Every skill is valid for every tool
 * the benchmark runs, so all tools must find the same number of skills.
 *
 * The same count always produces byte-identical files (a seeded PRNG, no dates, no randomness).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bump when the generated content changes: corpora on disk are regenerated. */
export const CORPUS_VERSION = 3;

/** mulberry32: tiny, fast, good enough for picking words. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = [
  'queue', 'cache', 'auth', 'billing', 'search', 'upload', 'email', 'cron', 'webhook', 'session',
  'invoice', 'report', 'export', 'import', 'audit', 'metrics', 'logging', 'tracing', 'feature-flag', 'rate-limit',
  'payment', 'checkout', 'inventory', 'catalog', 'profile', 'onboarding', 'notification', 'sms', 'pdf', 'image',
  'video', 'i18n', 'seo', 'sitemap', 'migration', 'seed-data', 'backup', 'retention', 'consent', 'analytics',
];
const ACTIONS = [
  'patterns', 'retries', 'setup', 'testing', 'debugging', 'hardening', 'scaling', 'monitoring', 'migration', 'review',
  'design', 'rollout', 'cleanup', 'batching', 'streaming', 'validation', 'caching', 'security', 'pagination', 'errors',
  'workflows', 'handlers', 'schemas', 'fixtures', 'recovery', 'throttling', 'signing', 'parsing', 'scheduling', 'fanout',
  'dedupe', 'idempotency', 'timeouts', 'limits', 'hooks', 'events', 'jobs', 'adapters', 'clients', 'contracts',
];
const TOOLS = ['Read', 'Grep', 'Glob', 'Edit', 'Write', 'Bash(npm test *)', 'Bash(npx prisma *)', 'Bash(git diff:*)', 'WebFetch'];
const VERBS = ['Handles', 'Builds', 'Designs', 'Reviews', 'Debugs', 'Sets up', 'Hardens', 'Tests', 'Refactors', 'Documents'];
const CONTEXTS = [
  'in a Next.js app router project', 'behind an Inngest function', 'with Prisma and Postgres', 'in a serverless deployment',
  'for a multi-tenant SaaS', 'inside Server Actions', 'for a background worker', 'in an edge runtime',
];
const SENTENCES = [
  'Keep the handler small and move the slow work into a step so that a retry repeats only the failed part.',
  'Validate input at the boundary with a schema and return a typed error instead of throwing.',
  'Prefer idempotent operations: the same event delivered twice must not charge a customer twice.',
  'Log the correlation id with every message so that one request can be followed across services.',
  'Read configuration once at start-up and fail fast with a clear message when a variable is missing.',
  'Write the test first against the public function, then make the implementation pass it.',
  'Batch writes to the database and keep transactions short to avoid lock contention.',
  'Set explicit timeouts on every network call; the default is often infinite.',
  'Put secrets in the environment, never in the repository or in client bundles.',
  'Measure before optimising: a profile shows where the time really goes.',
  'Return early on invalid state and keep the happy path unindented.',
  'Document the failure modes next to the code that handles them.',
];
const MISTAKES = [
  'Doing slow work inside the request handler, which blocks the response',
  'Catching every error and swallowing it, so failures never reach monitoring',
  'Retrying non-idempotent operations without a deduplication key',
  'Forgetting to register the function in the serve handler',
  'Hard-coding URLs and credentials instead of reading the environment',
  'Testing against mocks that drift from the real service',
  'Missing an index on the column used in the hot query',
  'Leaving debug logging enabled in production',
];
const REFERENCE_TOPICS = ['retries', 'testing', 'deployment', 'troubleshooting', 'api', 'examples', 'limits', 'security'];

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/** The skill names of a corpus of `count` skills (unique, valid, deterministic). */
export function skillNames(count) {
  const names = [];
  for (let i = 0; i < count; i++) {
    const d = DOMAINS[i % DOMAINS.length];
    const a = ACTIONS[Math.floor(i / DOMAINS.length) % ACTIONS.length];
    names.push(`${d}-${a}-${String(i).padStart(5, '0')}`);
  }
  return names;
}

function titleOf(name) {
  return name
    .replace(/-\d+$/, '')
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

function frontmatter(i, name, rand) {
  const verb = pick(rand, VERBS);
  const ctx = pick(rand, CONTEXTS);
  const topic = titleOf(name).toLowerCase();
  const description = `${verb} ${topic} ${ctx}: structure, error handling, tests and rollout. Use when the user works on ${topic} or asks how to make it reliable.`;
  const lines = [`name: ${name}`];
  switch (i % 5) {
    case 0:
    case 1:
      lines.push(`description: ${description.replace(': ', ' — ')}`);
      break;
    case 2:
      lines.push('description: >', `  ${description.slice(0, 80).trimEnd()}`, `  ${description.slice(80).trimStart()}`);
      break;
    case 3:
      lines.push('description: >-', `  ${description}`);
      break;
    default:
      lines.push(`description: "${description}"`);
  }
  const tools = [...new Set([pick(rand, TOOLS), pick(rand, TOOLS), 'Read'])];
  switch (i % 3) {
    case 0:
      lines.push(`allowed-tools: ${tools.join(', ')}`);
      break;
    case 1:
      lines.push('allowed-tools:', ...tools.map((t) => `  - ${t}`));
      break;
    default:
      lines.push(`allowed-tools: ${tools.filter((t) => !t.includes(' ')).join(' ')}`);
  }
  if (i % 4 === 0) lines.push('license: MIT');
  if (i % 6 === 0) lines.push('metadata:', '  author: bench-corpus', `  version: "1.${i % 10}"`);
  return lines.join('\n');
}

function skillMarkdown(i, name, names, rand, refs) {
  const title = titleOf(name);
  const others = [];
  while (others.length < 3) {
    const other = names[Math.floor(rand() * names.length)];
    if (other !== name && !others.includes(other)) others.push(other);
  }
  const para = (n) => Array.from({ length: n }, () => pick(rand, SENTENCES)).join(' ');
  const fn = name.replace(/-\d+$/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  return `---
${frontmatter(i, name, rand)}
---

# ${title}

## Purpose
${para(4)}

## When to Use
- Building or changing ${title.toLowerCase()} code
- Reviewing a pull request that touches ${title.toLowerCase()}
- Debugging a failure reported by monitoring

## When NOT to Use
- Pure UI styling work → \`${others[0]}\`
- One-off scripts that never run in production

## Pattern

### Core function
\`\`\`ts
// src/lib/${fn}.ts
export interface ${fn[0].toUpperCase() + fn.slice(1)}Input {
  id: string;
  attempts: number;
}

export async function ${fn}(input: { id: string; attempts: number }): Promise<{ ok: boolean }> {
  if (input.attempts > 3) return { ok: false };
  // ${pick(rand, SENTENCES)}
  return { ok: true };
}
\`\`\`

### Running it locally
\`\`\`bash
npm run dev
npm test -- ${fn}
\`\`\`

${para(2)}

## Workflow
1. Read the existing ${title.toLowerCase()} code and its tests before changing anything.
2. Write down the failure modes: timeouts, duplicates, partial writes, bad input.
3. ${pick(rand, SENTENCES)}
4. ${pick(rand, SENTENCES)}
5. Run the tests, then the linter, then a manual check against a staging environment.

## Anti-pattern

\`\`\`ts
// WRONG: slow work inside the request, no retry boundary
export async function handle(id: string) {
  await sendEmail(id);      // 2s
  await writeAudit(id);     // 1s
  await refreshCache(id);   // 3s — the user waits for all of it
}

// CORRECT: enqueue and return; each step retries on its own
export async function handleFast(id: string) {
  await enqueue({ name: "${name}/requested", data: { id } });
  return { accepted: true };
}
\`\`\`

${para(2)}

## Common Mistakes
- ${pick(rand, MISTAKES)}
- ${pick(rand, MISTAKES)}
- ${pick(rand, MISTAKES)}

## Checklist
- [ ] Inputs validated at the boundary
- [ ] Errors logged with a correlation id
- [ ] Tests cover the failure path

## References
- [${refs[0]}](references/${refs[0]}.md) — details and edge cases
- [${refs[1]}](references/${refs[1]}.md) — worked examples

## Composes With
- \`${others[1]}\` — shares the same data model
- \`${others[2]}\` — runs after this step in the pipeline
`;
}

function referenceMarkdown(name, topic, rand) {
  return `# ${titleOf(name)}: ${topic}\n\n${Array.from({ length: 3 }, () => pick(rand, SENTENCES)).join('\n\n')}\n`;
}

/**
 * Make sure `<cacheDir>/corpus/v<version>-<count>/` holds the corpus; returns its root.
 * Skills are in `<root>/skills/<name>/`. Generation writes into a temp folder and renames it,
 * so an interrupted run never leaves a half corpus behind.
 */
export async function ensureCorpus(cacheDir, count) {
  const root = path.join(cacheDir, 'corpus', `v${CORPUS_VERSION}-${count}`);
  const marker = path.join(root, '.complete');
  try {
    if ((await readFile(marker, 'utf8')).trim() === String(count)) return root;
  } catch {
    // Not generated yet.
  }
  const tmp = `${root}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const names = skillNames(count);
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    const name = names[i];
    const rand = prng(0x5eed + i * 7919);
    const refs = [REFERENCE_TOPICS[i % REFERENCE_TOPICS.length], REFERENCE_TOPICS[(i + 3) % REFERENCE_TOPICS.length]];
    const dir = path.join(tmp, 'skills', name);
    await mkdir(path.join(dir, 'references'), { recursive: true });
    const md = skillMarkdown(i, name, names, rand, refs);
    totalBytes += Buffer.byteLength(md);
    await writeFile(path.join(dir, 'SKILL.md'), md);
    for (const r of refs) await writeFile(path.join(dir, 'references', `${r}.md`), referenceMarkdown(name, r, rand));
  }
  // A plugin manifest, so `claude plugin validate` treats the folder as a plugin.
  await mkdir(path.join(tmp, '.claude-plugin'), { recursive: true });
  await writeFile(
    path.join(tmp, '.claude-plugin', 'plugin.json'),
    `${JSON.stringify({ name: `bench-corpus-${count}`, version: '1.0.0', description: `Synthetic benchmark corpus of ${count} skills` }, null, 2)}\n`,
  );
  await writeFile(path.join(tmp, '.complete'), `${count}\n`);
  await writeFile(path.join(tmp, 'README.md'), `Synthetic corpus: ${count} skills, ${(totalBytes / count / 1024).toFixed(2)} KiB average SKILL.md.\n`);
  await rm(root, { recursive: true, force: true });
  await rename(tmp, root);
  return root;
}
