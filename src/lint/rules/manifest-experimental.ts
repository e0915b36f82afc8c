import { positionOf } from '../../plugin/check.js';
import { isRecord } from '../../plugin/model.js';
import type { RepoRule } from '../types.js';

/** The plugin components Claude Code 2.1 reads at the top level only for now (its own warning). */
const EXPERIMENTAL = ['themes', 'monitors'];

export const rule: RepoRule = {
  id: 'manifest-experimental',
  scope: 'repo',
  description: 'Experimental plugin components (`themes`, `monitors`) sit under `experimental` in .claude-plugin/plugin.json',
  severity: 'warning',
  docs:
    'Claude Code treats themes and monitors as experimental components. It still loads them from the top level of ' +
    '.claude-plugin/plugin.json, but warns that this will be removed in a future release; `claude plugin validate --strict` ' +
    'fails on it. Move the field into the `experimental` object: `"experimental": { "themes": "./themes" }`.',
  check({ manifests, report }) {
    for (const manifest of manifests) {
      const data = manifest.data;
      if (manifest.kind !== 'claude-plugin' || !isRecord(data)) continue;
      for (const key of EXPERIMENTAL) {
        if (!Object.hasOwn(data, key)) continue;
        const pos = positionOf(manifest, [key]);
        report({
          file: manifest.file,
          ...(pos ? { pos } : {}),
          message: `"${key}" is an experimental component; Claude Code will stop reading it at the top level`,
          hint: `move it under "experimental": { "${key}": ... }`,
        });
      }
    }
  },
};
