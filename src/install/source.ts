/**
 * Where skills come from: this package's own `skills/` folder, or any local repository or
 * skill folder (`--from`). Finds the skills, indexes them by name, resolves `--with-deps`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SkillDocument, SkillReference } from '../skill/model.js';
import { discoverSkills } from '../skill/discover.js';
import { displayPath, readSkill } from '../skill/read.js';
import type { Diagnostic } from '../types.js';
import { AGENTS } from './agents.js';
import { InstallError } from './errors.js';

export interface CatalogSkill {
  name: string;
  doc: SkillDocument;
}

export interface Catalog {
  /** Absolute folder the skills were found in (what the lock records as the source). */
  root: string;
  skills: ReadonlyMap<string, CatalogSkill>;
  /** Names found in more than one folder: ambiguous, never installed. */
  duplicates: ReadonlyMap<string, string[]>;
  /** The walk stopped at `maxDirs` folders: skills beyond it were not seen. */
  incomplete: boolean;
}

function skillName(doc: SkillDocument): string {
  const n = doc.frontmatter.data.name;
  return typeof n === 'string' && n !== '' ? n : doc.folderName;
}

export async function loadCatalog(rootArg: string, cwd: string, options: { maxDirs?: number } = {}): Promise<Catalog> {
  const root = path.resolve(cwd, rootArg);
  const st = await stat(root).catch(() => undefined);
  if (st === undefined) {
    throw new InstallError(`${displayPath(root, cwd)} does not exist`, 'pass --from a skill folder or a repository of skills');
  }
  const discovered = await discoverSkills(root, { cwd, ...(options.maxDirs === undefined ? {} : { maxDirs: options.maxDirs }) });
  // A file that is not a SKILL.md (`--from notes.txt`): say so, rather than that its folder has no such skill.
  const notAPath = discovered.notes.find((n) => n.kind === 'path-not-found');
  if (notAPath) throw new InstallError(notAPath.message, 'pass --from a skill folder or a repository of skills');
  const byName = new Map<string, SkillDocument[]>();
  for (const file of discovered.skillFiles) {
    const doc = await readSkill(file, { cwd });
    const name = skillName(doc);
    byName.set(name, [...(byName.get(name) ?? []), doc]);
  }
  // Installed copies (in agent folders such as .claude/skills) do not compete with the
  // source: installing from a skill repository you also work in must keep working.
  const agentDirs = AGENTS.map((a) => a.projectDir).filter((d) => d.startsWith('.')).map((d) => path.join(root, ...d.split('/')) + path.sep);
  const installed = (doc: SkillDocument) => agentDirs.some((d) => doc.dir.startsWith(d));
  const skills = new Map<string, CatalogSkill>();
  const duplicates = new Map<string, string[]>();
  for (const [name, docs] of byName) {
    const candidates = docs.length > 1 && docs.some((d) => !installed(d)) ? docs.filter((d) => !installed(d)) : docs;
    skills.set(name, { name, doc: candidates[0]! });
    if (candidates.length > 1) duplicates.set(name, candidates.map((d) => d.file));
  }
  const recorded = st.isDirectory() ? root : path.dirname(root);
  return { root: recorded, skills, duplicates, incomplete: discovered.notes.some((n) => n.kind === 'depth-limit') };
}

/** Sections whose skill references mean "use together with" (not "use instead"). */
const DEPENDENCY_SECTION = /compos|depend|require|works? (well )?with|pairs? with|used with/i;

export function dependencyReferences(doc: SkillDocument): SkillReference[] {
  return doc.body.references.filter((r) => DEPENDENCY_SECTION.test(r.section));
}

export interface Selection {
  /** Requested names first, then dependencies in discovery order. */
  names: string[];
  /** Names added by --with-deps. */
  dependencies: string[];
  diagnostics: Diagnostic[];
}

/** Pick the requested skills (and, with deps, what they compose with, transitively). */
export function selectSkills(catalog: Catalog, requested: readonly string[], withDeps: boolean, cwd: string): Selection {
  // A folder name finds its skill too, so that a name/folder mismatch gets its own clear error.
  const byFolder = new Map([...catalog.skills.values()].map((s) => [s.doc.folderName, s.name]));
  requested = requested.map((n) => (catalog.skills.has(n) ? n : byFolder.get(n) ?? n));
  const unknown = requested.filter((n) => !catalog.skills.has(n));
  if (unknown.length > 0) {
    const available = [...catalog.skills.keys()].sort();
    throw new InstallError(
      `${displayPath(catalog.root, cwd)} has no skill named ${unknown.map((n) => `"${n}"`).join(', ')}`,
      available.length === 0
        ? 'no skills were found there; pass --from a folder that holds SKILL.md files'
        : `available: ${available.slice(0, 30).join(', ')}${available.length > 30 ? ', ...' : ''}`,
    );
  }
  const names: string[] = [];
  const dependencies: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const queue = [...new Set(requested)];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const name = queue.shift()!;
    names.push(name);
    if (!withDeps) continue;
    const skill = catalog.skills.get(name)!;
    for (const ref of dependencyReferences(skill.doc)) {
      if (seen.has(ref.name)) continue;
      seen.add(ref.name);
      if (!catalog.skills.has(ref.name)) {
        diagnostics.push({
          ruleId: 'with-deps',
          severity: 'warning',
          message: `${name} composes with "${ref.name}", which ${displayPath(catalog.root, cwd)} does not have; not installed`,
          file: skill.doc.file,
          line: ref.line,
          column: ref.column,
          hint: `install ${ref.name} from where it lives, or remove the reference`,
        });
        continue;
      }
      dependencies.push(ref.name);
      queue.push(ref.name);
    }
  }
  for (const n of names) {
    const dup = catalog.duplicates.get(n);
    if (dup !== undefined) {
      throw new InstallError(`more than one skill is named "${n}": ${dup.join(', ')}`, 'rename one of them; skill names must be unique in a repository');
    }
  }
  return { names, dependencies, diagnostics };
}
