#!/usr/bin/env node
/**
 * vibe-skills entry point. Start-up is kept close to a bare `node`: `--version` reads
 * package.json and nothing else; every command module registers its flags cheaply and
 * imports its implementation only when it runs.
 */
import module from 'node:module';
import { toolVersion as version } from '../version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${version()}\n`);
} else {
  // Node 22.1+ keeps the compiled code of the modules loaded below in a cache folder
  // (os.tmpdir()/node-compile-cache, shared by every tool that asks; NODE_DISABLE_COMPILE_CACHE=1
  // turns it off), so later runs skip parsing and compiling them. Node 20 has no such cache.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const { main } = await import('./main.js');
  await main(process.argv, version());
}
