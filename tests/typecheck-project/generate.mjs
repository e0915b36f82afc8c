#!/usr/bin/env node
// Generates the real Prisma 7 client that the skills' code blocks are compiled
// against, into stubs/src/generated/prisma (importable as
// `@/generated/prisma/client`). Idempotent: it regenerates only when the
// schema, the config or the Prisma version changed, or the output is missing.
//
//   node tests/typecheck-project/generate.mjs           # generate if stale
//   node tests/typecheck-project/generate.mjs --force   # always generate
//
// Works offline: `prisma generate` is WASM-only in Prisma 7, but the CLI still
// looks for a schema-engine binary and tries to download one when none is
// configured. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable (here the
// running node binary) satisfies that check without a network call.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = path.dirname(fileURLToPath(import.meta.url));
const schemaPath = path.join(projectDir, 'prisma', 'schema.prisma');
const configPath = path.join(projectDir, 'prisma.config.ts');
export const outputDir = path.join(projectDir, 'stubs', 'src', 'generated', 'prisma');
const stampPath = path.join(outputDir, '.generated-from');
const lockDir = path.join(projectDir, 'stubs', 'src', 'generated', '.generate-lock');
/** A lock older than this is left over from a killed run, not a live one. */
const staleLockMs = 120_000;

function prismaCli() {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('prisma/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.prisma;
  return { entry: path.join(path.dirname(pkgPath), bin), version: pkg.version };
}

async function fingerprint(version) {
  const hash = createHash('sha256');
  hash.update(`prisma ${version}\n`);
  for (const file of [schemaPath, configPath]) hash.update(await readFile(file));
  return hash.digest('hex');
}

async function isFresh(expected) {
  if (!existsSync(path.join(outputDir, 'client.ts'))) return false;
  try {
    return (await readFile(stampPath, 'utf8')).trim() === expected;
  } catch {
    return false;
  }
}

/** mkdir is atomic: whoever creates the folder holds the lock. */
async function withLock(work) {
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - (await stat(lockDir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > staleLockMs) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/**
 * Generate the client when it is missing or stale.
 * @param {{ force?: boolean }} [options]
 * @returns {Promise<{ generated: boolean, outputDir: string, prismaVersion: string }>}
 */
export async function generatePrismaClient(options = {}) {
  const cli = prismaCli();
  const expected = await fingerprint(cli.version);
  if (!options.force && (await isFresh(expected))) {
    return { generated: false, outputDir, prismaVersion: cli.version };
  }
  return withLock(async () => {
    // Another process may have finished the same work while we waited.
    if (!options.force && (await isFresh(expected))) {
      return { generated: false, outputDir, prismaVersion: cli.version };
    }
    const result = spawnSync(process.execPath, [cli.entry, 'generate', '--schema', schemaPath], {
      cwd: projectDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    });
    if (result.error || result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
      throw new Error(
        `prisma generate failed for ${path.relative(process.cwd(), schemaPath)}` +
          (result.error ? `: ${result.error.message}` : ` (exit code ${result.status})`) +
          (output ? `\n${output}` : '') +
          '\nFix the schema or run `npm ci` so that the pinned `prisma` package is installed.',
      );
    }
    await writeFile(stampPath, `${expected}\n`);
    return { generated: true, outputDir, prismaVersion: cli.version };
  });
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  generatePrismaClient({ force: process.argv.includes('--force') }).then(
    (result) => {
      const where = path.relative(process.cwd(), result.outputDir);
      console.log(
        result.generated
          ? `Generated Prisma Client ${result.prismaVersion} into ${where}`
          : `Prisma Client in ${where} is up to date`,
      );
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
