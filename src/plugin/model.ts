/** Plugin manifests as the I/O edge hands them to the repository rules. */

export type ManifestKind = 'plugin' | 'claude-plugin' | 'marketplace';

/**
 * The component fields of Claude Code's plugin manifest that take paths (relative to the plugin
 * root) or inline configuration. Our root plugin.json may hold them too, and `plugin sync` copies
 * them as they are into .claude-plugin/plugin.json: both files sit at the plugin root, so the
 * paths mean the same there. (GitHub Copilot CLI, which reads a root plugin.json as its own
 * manifest, knows the same names but for outputStyles.)
 */
export const COMPONENT_FIELDS = ['commands', 'agents', 'outputStyles', 'hooks', 'mcpServers', 'lspServers'] as const;
export type ComponentField = (typeof COMPONENT_FIELDS)[number];

/** What a path named in a manifest turned out to be, checked by the loader (not by rules). */
export type PathStatus = 'file' | 'dir' | 'missing' | 'outside' | 'symlink-outside';

export interface ManifestFile {
  kind: ManifestKind;
  /** Absolute path. */
  path: string;
  /** Display path, relative to the working directory. */
  file: string;
  /** Raw text (bounded by the reader's size cap). */
  text: string;
  /** Parsed JSON, when it parsed. */
  data?: unknown;
  /** JSON syntax error, with 1-based position. */
  parseError?: { message: string; line: number; column: number };
  /**
   * For every relative path string the manifest names (skills, plugin sources, ...):
   * what it resolved to, relative to the manifest's base folder.
   */
  paths: Record<string, PathStatus>;
}

/** A JSON object in parsed manifest data (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
