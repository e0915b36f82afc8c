/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 represents a slice of
 * a string (and a concatenation) as pointers into its parts, so a name, heading or message kept
 * after a document is done would keep the whole SKILL.md text alive: ~7 KB per skill for the
 * length of the run. Strings under 13 characters are always copied by V8 anyway.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** `1 skill`, `2 skills`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
