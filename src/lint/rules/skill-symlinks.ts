import path from 'node:path';
import type { SkillRule } from '../types.js';

/** What the reader records as the target of a link that resolves nowhere. */
const DANGLING = '<dangling>';

export const rule: SkillRule = {
  id: 'skill-symlinks',
  scope: 'skill',
  description: 'Symbolic links inside a skill folder stay inside it and resolve',
  severity: 'error',
  docs:
    'Installers such as the `skills` CLI follow symbolic links and copy what they point at. A link from a skill to a path outside ' +
    'it (`../../shared`, `~/.ssh`, `/etc`) therefore pulls files of the installing machine, or of the rest of the repository, into ' +
    'the install; a link whose target does not exist breaks the copy. Links that stay inside the skill folder are fine (the ' +
    'target is copied in their place) and are not reported. Replace an outside link with a copy of the file, and remove or fix ' +
    'broken ones.',
  check({ skill, report }) {
    for (const link of skill.symlinks) {
      if (path.basename(link.target) === DANGLING) {
        report({
          message: `\`${link.path}\` is a symbolic link whose target does not exist`,
          hint: 'remove the link or point it at a file inside the skill folder',
        });
      } else if (!link.inside) {
        const rel = path.relative(skill.dir, link.target).split(path.sep).join('/');
        const where = rel.startsWith('..') && rel.split('/').filter((s) => s === '..').length <= 2 ? rel : link.target;
        report({
          message: `\`${link.path}\` is a symbolic link to ${where}, outside the skill folder; installers copy its target into the install`,
          hint: 'replace the link with a copy of the file it points at, inside the skill folder',
        });
      }
    }
  },
};
