/**
 * One of each component field of a Claude Code plugin, as a root plugin.json may hold them and
 * `plugin sync` carries them: paths relative to the plugin root, inline MCP and LSP servers.
 * The files the paths name are the caller's to create (their contents differ by test).
 */
export const PLUGIN_COMPONENTS = {
  commands: ['./commands/about.md'],
  agents: ['./agents/helper.md'],
  outputStyles: './styles',
  hooks: './hooks/extra.json',
  mcpServers: { db: { command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/server.js'] } },
  lspServers: { go: { command: 'gopls', extensionToLanguage: { '.go': 'go' } } },
};
