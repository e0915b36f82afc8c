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

/** Characters that would let a message move the cursor, recolour the terminal or reorder text. */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Make one line of untrusted text safe for a terminal: tabs become a space (they would break
 * the column alignment), every other control or bidi-control character a visible `\xNN` /
 * `\uNNNN` escape. Newlines are escaped too: callers split multi-line text first, so one
 * left over (in a path or a rule id) would otherwise break the layout.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }).replaceAll('\t', ' ');
}
