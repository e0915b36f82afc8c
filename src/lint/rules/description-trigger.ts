import type { SkillRule } from '../types.js';
import { isStub } from './description-min-length.js';
import { getField } from './frontmatter-fields.js';

/*
 * Phrases that tell an agent when to pick the skill. Deliberately broad: a missed trigger
 * costs a warning someone has to read, so anything that reads as a condition counts —
 * "Use when…", "when the user…", "whenever", "if the user…", "triggers on…", "for … tasks",
 * "before committing", "asks to…", "Do not use for…".
 */
const TRIGGERS: readonly RegExp[] = [
  /\bwhen(?:ever)?\b/i,
  /\b(?:use|used|useful|invoke|invoked|apply|applies|activate|activates|load|consult|call|run|pick|choose|trigger|triggers|triggered)\b[^.;:!?]{0,30}?\b(?:for|to|if|on|with|in|during|before|after|while|upon|whenever|when|this|it)\b/i,
  /\bif (?:the|a|an|you|your|user|users|someone|asked|needed|working)\b/i,
  /\btrigger(?:s|ed|ing)?\b/i,
  /\b(?:ask|asks|asked|asking|request|requests|requested|requesting|mention|mentions|mentioned|want|wants|wanted|need|needs|needed)\b[^.;:!?]{0,20}?\b(?:to|for|about|help|a|an|the)\b/i,
  /\bfor (?:[\w/.+#-]+[ ,]+){0,5}(?:tasks?|work|workflows?|projects?|questions?|requests?|jobs?|use[- ]cases?|scenarios?|situations?)\b/i,
  /\b(?:before|after|during|while) (?:[a-z]+ing\b|a |an |the |any |every |each |you\b|writing|committing|merging|deploying)/i,
  /\b(?:do not|don't|never) use\b/i,
  // A purpose clause names the situations too: "…, for RNA-seq analysis." / "For glycoprotein design."
  /(?:^|[.;:,]\s+)for\s+[\w"'`(]/i,
  /\b(?:preferred|ideal|best|designed|intended|meant|suitable|recommended|built)\s+(?:for|when|if)\b/i,
];

/** A letter of a script other than Latin, matched at `lastIndex` only. */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/uy;

/**
 * True when the text is mostly in a script we cannot judge (the phrases above are English):
 * more letters of other scripts than ASCII letters (accented Latin letters count for neither).
 * ASCII is classified by comparison; only other characters go through the Unicode-property
 * regex. The loop stops as soon as the characters left cannot change the outcome (each is at
 * least one UTF-16 unit), which for an English description is about half-way.
 */
export function mostlyNonLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; ) {
    const left = text.length - i;
    if (other > latin + left) return true;
    if (other + left <= latin) return false;
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
      i++;
      continue;
    }
    NON_LATIN_LETTER.lastIndex = i;
    if (NON_LATIN_LETTER.test(text)) other++;
    // One code point: a surrogate pair is two units.
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return other > latin;
}

/** Does the text contain one of the trigger phrases? */
export function hasTriggerPhrase(text: string): boolean {
  for (let i = 0; i < TRIGGERS.length; i++) if (TRIGGERS[i]!.test(text)) return true;
  return false;
}

/** Does the description say when to use the skill? Undefined when we cannot tell (non-English). */
export function describesWhen(description: string): boolean | undefined {
  if (mostlyNonLatin(description)) return undefined;
  return hasTriggerPhrase(description);
}

export const rule: SkillRule = {
  id: 'description-trigger',
  scope: 'skill',
  description: '`description` says when to use the skill, not only what it does',
  severity: 'warning',
  docs:
    'Agents choose skills from their name and description alone, before reading anything else. The specification asks the description ' +
    'to say what the skill does and when to use it; without the "when" the skill is picked too rarely, or for the wrong tasks. Add a ' +
    'sentence such as "Use when the user asks to …" or "Use for … tasks", naming the situations and keywords that should trigger it. ' +
    'The check looks for condition and purpose phrases (when, whenever, if the user, use for/to, triggers on, for … tasks, ' +
    '", for <purpose>", designed for, before/after …ing); ' +
    'descriptions mostly in non-Latin scripts are not judged. Claude Code also reads the optional `when_to_use` field as trigger ' +
    'text, so a phrase there counts too; a skill with `disable-model-invocation: true` is never picked by the model and is not checked.',
  check({ skill, report }) {
    const field = getField(skill, 'description');
    if (!field || typeof field.value !== 'string') return;
    const trimmed = field.value.trim();
    // A stub is reported once, by description-min-length, whose hint asks for the "when" too.
    if (trimmed === '' || isStub(trimmed)) return;
    // describesWhen(value) !== false, with the usual answer first: a phrase is found, so the
    // script scan that could only turn "no" into "cannot tell" is not needed.
    if (hasTriggerPhrase(field.value)) return;
    // Only the user starts it (as /name): the model never picks it, so it needs no "when".
    const disabled = getField(skill, 'disable-model-invocation')?.value;
    if (disabled === true || disabled === 'true') return;
    // Claude Code appends `when_to_use` to the description it shows the model.
    const whenValue = getField(skill, 'when_to_use')?.value;
    const when = typeof whenValue === 'string' && whenValue.trim() !== '' ? whenValue : undefined;
    if (when !== undefined && hasTriggerPhrase(when)) return;
    if (mostlyNonLatin(when === undefined ? field.value : `${field.value}\n${when}`)) return;
    report({
      message: `${when === undefined ? '`description` says' : '`description` and `when_to_use` say'} what the skill does but not when to use it`,
      pos: field.valuePos,
      hint: 'add a sentence like "Use when the user asks to …" or "Use for … tasks" with the words that should trigger it',
    });
  },
};
