/**
 * Realistic SKILL.md frontmatter, the shapes real skill packs use. The fast path must take
 * every one of these (otherwise it is not fast where it matters), and the property test
 * mutates them to hunt for disagreements with the yaml path.
 */
export const REALISTIC_FRONTMATTER: readonly string[] = [
  `name: background-jobs
description: >
  Background jobs — Inngest functions for event-driven tasks, scheduled cron, retries, step functions, Next.js API route integration
allowed-tools: Read, Grep, Glob
`,
  `name: pdf-processing
description: Extract text and tables from PDF files, fill forms, merge documents. Use when working with PDF files or when the user mentions PDFs, forms, or document extraction.
license: Apache-2.0
metadata:
  author: example-org
  version: "1.0"
`,
  `# Skill for reviewing pull requests
name: code-review
description: |
  Reviews a pull request diff for bugs, style and missing tests.
  Use when the user asks for a review.

allowed-tools:
  - Read
  - Grep
  - Bash(git diff:*)
compatibility: Requires git and network access to the repository host
`,
  `name: 'quoted-name'
description: "Formats \\"quoted\\" text — and \\u00e9scapes. Use when: the user wants it."
disable-model-invocation: true
user-invocable: false
version: 1.2.0
model: claude-sonnet-4-5
argument-hint: issue-number
`,
  `name: deploy
description: >-
  Deploys the app to production with zero downtime.
  Use when shipping a release.

  Not for preview deployments.
allowed-tools: Bash(npx vercel *), Read
metadata:
  owner: platform-team
  tier: 2
  reviewed: 2025-01-15
`,
  `name: data-migrations
description: Plans and runs Prisma schema migrations safely (expand, migrate, contract). Use when changing the database schema.
allowed-tools: Read Grep Glob Bash(npx prisma *)
license: MIT
`,
  `name: empty-fields
license:
description: Has an empty field above. Use when testing.
`,
  `name: list-at-zero
allowed-tools:
- Read
- Write
description: A list that starts at column one. Use when testing.
`,
  `name: keep-chomp
description: |+
  Text with trailing lines

metadata:
  a: b # trailing comment
  c: 'it''s'
`,
];

/** Seeds the fast path is expected to hand to the yaml path: mutated too, to cover the border. */
export const EDGE_FRONTMATTER: readonly string[] = [
  `name: x
argument-hint: [issue-number]
tags: {a: 1}
`,
  `name: &anchor x
alias: *anchor
tagged: !!str 123
`,
  `---
name: x
...
`,
  `name: multi
description: plain text that
  continues on the next line
`,
  `name: "double
  quoted over lines"
`,
  `description: Use when: the user asks
`,
  `a: |2
    indented by indicator
b: >
  folded
    more indented
  back
`,
  `? complex key
: value
"quoted key": 1
1: one
null: nothing
`,
];
