import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';

export const rule: SkillRule = {
  id: 'skill-unreachable',
  scope: 'skill',
  description: 'A skill is not hidden from both users and the model',
  severity: 'warning',
  docs:
    '`user-invocable: false` removes the skill from the `/` menu; `disable-model-invocation: true` stops the model from loading it. ' +
    'With both, neither the user nor the model can start the skill; the only way in left is a subagent that lists it under ' +
    '`skills:` to preload it. That is rarely intended (hence a warning, not an error): drop one of the two settings, or disable ' +
    'this rule for skills that exist only to be preloaded.',
  check({ skill, report }) {
    const userInvocable = getField(skill, 'user-invocable');
    const disabled = getField(skill, 'disable-model-invocation');
    if (!userInvocable || !disabled) return;
    const hiddenFromUser = userInvocable.value === false || userInvocable.value === 'false';
    const hiddenFromModel = disabled.value === true || disabled.value === 'true';
    if (!hiddenFromUser || !hiddenFromModel) return;
    const [first, second] = userInvocable.keyPos.line <= disabled.keyPos.line ? [userInvocable, disabled] : [disabled, userInvocable];
    report({
      message: `neither users nor the model can run this skill: \`user-invocable: false\` and \`disable-model-invocation: true\` (line ${second.keyPos.line})`,
      pos: first.keyPos,
      hint: 'remove `disable-model-invocation` to let the model use it, or `user-invocable: false` to keep the /command',
    });
  },
};
