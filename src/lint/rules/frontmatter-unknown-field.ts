import type { SkillRule } from '../types.js';
import { suggest } from '../suggest.js';
import { fieldList, fieldsUsable, isPlainObject, KNOWN_FIELDS, normalizeKey, UNDOCUMENTED_SPELLINGS, type FieldKind } from './frontmatter-fields.js';

/** Keys people write for a known field, mostly from other formats (agent files, camelCase). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['tools', 'allowed-tools'],
  ['allowed_tools', 'allowed-tools'],
  ['args', 'arguments'],
  ['when-to-use', 'when_to_use'],
  ['user-invokable', 'user-invocable'],
]);

/** Fields that belong inside `metadata:` per the specification. */
const METADATA_LIKE = new Set(['author', 'authors', 'tags', 'category', 'categories', 'keywords', 'homepage', 'repository', 'created', 'updated', 'date']);

const BY_NORMALIZED = new Map([...KNOWN_FIELDS.keys()].map((k) => [normalizeKey(k), k]));

export function guessField(key: string): string | undefined {
  return ALIASES.get(key) ?? BY_NORMALIZED.get(normalizeKey(key)) ?? suggest(key, KNOWN_FIELDS.keys());
}

/**
 * A usage line (`"[target] [--fix]"`, `<project-path>`, `start|stop`) rather than argument names:
 * Claude Code splits `arguments` on spaces into names for `$name`, so these would become names
 * like `[--fix]` that no placeholder can use. Such a value belongs in `argument-hint`.
 */
const USAGE_LINE = /[[\]<>|]|(?:^|\s)--?[A-Za-z]/;

/** The known field a key most likely means, given its value as well as its spelling. */
function guessFor(key: string, value: unknown): string | undefined {
  const guessed = guessField(key);
  if (guessed === 'arguments' && typeof value === 'string' && USAGE_LINE.test(value)) return 'argument-hint';
  return guessed;
}

/**
 * Whether a value has the shape (scalar, list, map) of a field of this kind: `agents:` holding a
 * list of platforms is not a misspelt `agent` (one subagent type), so it gets no "did you mean".
 */
function shapeFits(kind: FieldKind, value: unknown): boolean {
  const list = Array.isArray(value);
  const map = isPlainObject(value);
  if (kind === 'map') return map || value === null;
  if (kind === 'string-or-list') return !map;
  return !list && !map;
}

export const rule: SkillRule = {
  id: 'frontmatter-unknown-field',
  scope: 'skill',
  description: 'Every frontmatter field is one the specification or Claude Code knows',
  severity: 'warning',
  docs:
    `Known fields are those of the Agent Skills specification (${fieldList((f) => f.source === 'spec')}) ` +
    `and the ones Claude Code reads (${fieldList((f) => f.source === 'claude-code')}). Any other field is ignored by every client — often a typo ` +
    '(`allowed_tools`, `desciption`) whose setting then silently does nothing. Fix the spelling, or move custom data under `metadata:`. ' +
    `A spelling Claude Code reads but does not document (${[...UNDOCUMENTED_SPELLINGS.keys()].map((k) => `\`${k}\``).join(', ')}) is reported with the documented name.`,
  check({ skill, report }) {
    if (!fieldsUsable(skill)) return;
    const fields = skill.frontmatter.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (KNOWN_FIELDS.has(field.key)) continue;
      const documented = UNDOCUMENTED_SPELLINGS.get(field.key);
      if (documented !== undefined) {
        report({
          message: `\`${field.key}\` is an undocumented spelling of \`${documented}\``,
          pos: field.keyPos,
          hint: fields.some((f) => f.key === documented)
            ? `\`${documented}\` is already set; remove \`${field.key}\` or merge it into \`${documented}\``
            : `Claude Code reads it, but documents only \`${documented}\`; rename it`,
        });
        continue;
      }
      const guessed = guessFor(field.key, field.value);
      const guess = guessed !== undefined && shapeFits(KNOWN_FIELDS.get(guessed)!.kind, field.value) ? guessed : undefined;
      let hint: string;
      if (guess !== undefined && fields.some((f) => f.key === guess)) {
        hint = `\`${guess}\` is already set; remove \`${field.key}\` or merge it into \`${guess}\``;
      } else if (guess !== undefined) {
        hint = `did you mean \`${guess}\`?`;
      } else if (METADATA_LIKE.has(field.key.toLowerCase())) {
        hint = `move it into metadata: an indented \`${field.key}: ...\` line under \`metadata:\``;
      } else {
        hint = 'clients ignore unknown fields; fix the name or move custom data under `metadata:`';
      }
      report({ message: `unknown frontmatter field \`${field.key}\``, pos: field.keyPos, hint });
    }
  },
};
