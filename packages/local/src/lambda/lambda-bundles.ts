import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { declarationOf, esbuildOptions, FUNCTION_NAMES, type FunctionName } from '@access-broker/functions';
import { build } from 'esbuild';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../../..');
// Under the functions package, so a bundle resolves what the Lambda runtime provides (the SDK clients) as
// the functions resolve it: their own node_modules first, then the workspace's.
const CACHE = join(PROJECT_ROOT, 'packages/functions/node_modules/.cache/access-broker/lambda');

const built = new Map<string, Promise<string>>();

/**
 * A function's bundle, built with the stack's own esbuild options (once per process per entry). Packages the
 * stack installs next to the bundle (SST's `nodejs.install`) stay external, as SST keeps them. Files are named
 * by content hash and written atomically, so parallel test processes share them safely.
 */
export function lambdaBundle(entryFile: string, install: readonly string[] = []): Promise<string> {
  const key = `${entryFile}\n${install.join(',')}`;
  let bundle = built.get(key);
  if (!bundle) {
    bundle = buildOne(entryFile, install);
    built.set(key, bundle);
  }
  return bundle;
}

/** Every declared function's bundle, by catalog name (the benchmark reports their sizes). */
export async function lambdaBundles(): Promise<Record<FunctionName, string>> {
  const paths = await Promise.all(
    FUNCTION_NAMES.map((name) => {
      const declaration = declarationOf(name);
      return lambdaBundle(
        join(PROJECT_ROOT, `packages/functions/src/lambda/${declaration.entry}.ts`),
        declaration.install,
      );
    }),
  );
  return Object.fromEntries(FUNCTION_NAMES.map((name, i) => [name, paths[i]!])) as Record<
    FunctionName,
    string
  >;
}

async function buildOne(entryFile: string, install: readonly string[]): Promise<string> {
  const result = await build({
    ...esbuildOptions,
    external: [...esbuildOptions.external, ...install],
    entryPoints: [entryFile],
    outfile: join(CACHE, 'bundle.mjs'),
    write: false,
    logLevel: 'error',
  });
  mkdirSync(CACHE, { recursive: true });
  const contents = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const path = join(CACHE, `${basename(entryFile, '.ts')}-${hash}.mjs`);
  if (!existsSync(path)) {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, contents);
    renameSync(temp, path);
  }
  return path;
}
