#!/usr/bin/env node
/**
 * vibe-skills entry point. Start-up is kept close to a bare `node`: `--version` reads
 * package.json and nothing else; every command module registers its flags cheaply and
 * imports its implementation only when it runs.
 */
import { toolVersion as version } from '../version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${version()}\n`);
} else {
  const { main } = await import('./main.js');
  await main(process.argv, version());
}
