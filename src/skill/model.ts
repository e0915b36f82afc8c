/**
 * The SKILL.md model: what the reader produces and what rules consume.
 * Everything here is plain data; nothing in it touches the file system.
 */
import type { Position } from '../types.js';

/** Why a SKILL.md could not be read as text at all. */
export interface ReadProblem {
  kind: 'too-large' | 'binary' | 'invalid-utf8' | 'not-a-file' | 'symlink' | 'io';
  message: string;
  hint?: string;
}

/** One top-level frontmatter field, with where its key and value start. */
export interface FrontmatterField {
  key: string;
  /** Plain JS value (null-prototype objects for mappings, arrays for sequences). */
  value: unknown;
  keyPos: Position;
  valuePos: Position;
  /**
   * How the value was written: `plain`, `single` or `double` quoted, a block scalar
   * (`block-folded` `>` / `block-literal` `|`), or a `map` / `seq` / `flow-map` / `flow-seq`.
   */
  style: 'plain' | 'single' | 'double' | 'block-folded' | 'block-literal' | 'map' | 'seq' | 'flow-map' | 'flow-seq' | 'null' | 'alias' | 'other';
}

export interface FrontmatterError {
  kind: 'missing' | 'unclosed' | 'yaml' | 'portability' | 'not-a-mapping' | 'too-large' | 'too-deep' | 'aliases' | 'duplicate-key';
  message: string;
  pos: Position;
  hint?: string;
}

export interface Frontmatter {
  /** The text between the `---` lines (LF line endings). */
  text: string;
  /** Line (1-based, in the file) of the opening `---`; 0 when there is none. */
  startLine: number;
  /** Line of the closing `---`; 0 when unclosed or missing. */
  endLine: number;
  /** Top-level fields in source order (empty when the YAML failed). Keys are unique. */
  fields: FrontmatterField[];
  /** Null-prototype record of the top-level fields, for convenient lookups. */
  data: Record<string, unknown>;
  error?: FrontmatterError;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
}

export interface CodeBlock {
  /** First word of the info string, lowercased (`ts`, `tsx`, `bash`), or '' when none. */
  lang: string;
  /** The whole info string after the fence (e.g. `ts nocheck`). */
  info: string;
  /** The code, LF line endings, without the fences. */
  code: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the first code line (line + 1). */
  codeLine: number;
  /** Column of the opening fence (1-based). */
  column: number;
  /** True when the fence was never closed. */
  unclosed: boolean;
  /** Display path of the file holding the block when it is not the SKILL.md (a references/ file). */
  file?: string;
}

export interface Link {
  /** Link target as written (`references/retries.md#anchors`). */
  target: string;
  text: string;
  line: number;
  column: number;
  /** `link` for [text](target), `image` for ![alt](target), `path` for a bare path in inline code. */
  kind: 'link' | 'image' | 'path';
}

/** A name one skill points at (in "Composes With", "When NOT to Use", after →). */
export interface SkillReference {
  name: string;
  line: number;
  column: number;
  /** The heading of the section it was found under. */
  section: string;
}

export interface SkillBody {
  /** Body text after the frontmatter (LF line endings). */
  text: string;
  /** File line of the body's first line. */
  startLine: number;
  lineCount: number;
  headings: Heading[];
  codeBlocks: CodeBlock[];
  links: Link[];
  references: SkillReference[];
}

/** A skill as read from disk: everything a per-skill rule needs. */
export interface SkillDocument {
  /** Absolute path of SKILL.md. */
  path: string;
  /** Path for messages: relative to the working directory, `/` separators. */
  file: string;
  /** Absolute path of the skill folder. */
  dir: string;
  /** Folder name (the basename of dir). */
  folderName: string;
  /** Set when the file could not be read as text; frontmatter and body are then empty. */
  readProblem?: ReadProblem;
  frontmatter: Frontmatter;
  body: SkillBody;
  /**
   * Files inside the skill folder, relative, `/` separators (folders end in `/`), bounded.
   * Symlinks are listed in `symlinks`, not here.
   */
  files: ReadonlySet<string>;
  /** Symlinks inside the skill folder: relative path -> where it points (resolved, absolute) and whether it stays inside. */
  symlinks: ReadonlyArray<{ path: string; target: string; inside: boolean }>;
  /** True when the listing stopped at the file-count cap. */
  filesTruncated: boolean;
  /**
   * True when the skill folder is the root being validated (a repository whose root holds
   * SKILL.md): its folder name is then the clone's name, not a name the author chose.
   */
  atRoot?: boolean;
}

/**
 * What survives of a skill after its per-skill rules ran: enough for the
 * cross-skill rules, small enough to keep thousands in memory.
 */
export interface SkillSummary {
  file: string;
  dir: string;
  folderName: string;
  name?: string;
  namePos?: Position;
  description?: string;
  descriptionPos?: Position;
  references: SkillReference[];
}
