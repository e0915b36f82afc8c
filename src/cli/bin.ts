#!/usr/bin/env node
/**
 * vibe-skills entry point. Start-up is kept close to a bare `node`: `--version` reads
 * package.json and nothing else; every command module registers its flags cheaply and
 * imports its implementation only when it runs.
 */
import { readFileSync } from 'node:fs';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${version()}\n`);
} else {
  const { main } = await import('./main.js');
  await main(process.argv, version());
}
