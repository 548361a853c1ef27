import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { declarationOf, esbuildOptions, FUNCTION_NAMES, type FunctionName } from '@access-broker/functions';
import { build } from 'esbuild';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../../..');
// Under the functions package, so a bundle resolves what the Lambda runtime provides (the SDK clients) as
// the functions resolve it: their own node_modules first, then the workspace's.
const CACHE = join(PROJECT_ROOT, 'packages/functions/node_modules/.cache/access-broker/lambda');

let built: Promise<Record<FunctionName, string>> | undefined;

/**
 * Every declared function bundled with the stack's own esbuild options (one build per process). Files are
 * named by content hash and written atomically, so parallel test processes share them safely.
 */
export function lambdaBundles(): Promise<Record<FunctionName, string>> {
  built ??= buildAll();
  return built;
}

async function buildAll(): Promise<Record<FunctionName, string>> {
  mkdirSync(CACHE, { recursive: true });
  const paths = await Promise.all(FUNCTION_NAMES.map((name) => buildOne(name)));
  return Object.fromEntries(FUNCTION_NAMES.map((name, i) => [name, paths[i]!])) as Record<
    FunctionName,
    string
  >;
}

/** SST treats `nodejs.install` packages as external and installs them next to the bundle: so does this. */
async function buildOne(name: FunctionName): Promise<string> {
  const declaration = declarationOf(name);
  const result = await build({
    ...esbuildOptions,
    external: [...esbuildOptions.external, ...(declaration.install ?? [])],
    entryPoints: [join(PROJECT_ROOT, `packages/functions/src/lambda/${declaration.entry}.ts`)],
    outfile: join(CACHE, `${name}.mjs`),
    write: false,
    logLevel: 'error',
  });
  const contents = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const path = join(CACHE, `${name}-${hash}.mjs`);
  if (!existsSync(path)) {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, contents);
    renameSync(temp, path);
  }
  return path;
}
