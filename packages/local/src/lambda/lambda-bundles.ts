import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  declarationOf,
  esbuildOptions,
  esbuildPlugins,
  FUNCTION_NAMES,
  type FunctionName,
} from '@access-broker/functions';
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

/**
 * What a previous build of this entry read, and where its package went: when every input still has the same
 * content, the package is that one and esbuild need not run (every test process and every `npm start` would
 * otherwise bundle all the functions again).
 */
interface Manifest {
  inputs: Record<string, string>;
  bundle: string;
}

const fileHashes = new Map<string, string>();
const hashOf = (file: string) => {
  let hash = fileHashes.get(file);
  if (hash === undefined) {
    hash = existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';
    fileHashes.set(file, hash);
  }
  return hash;
};

function manifestFile(entryFile: string, install: readonly string[]) {
  const key = createHash('sha256')
    .update(JSON.stringify([relative(PROJECT_ROOT, entryFile), install, esbuildOptions]))
    .digest('hex')
    .slice(0, 16);
  return join(CACHE, `manifest-${basename(entryFile, '.ts')}-${key}.json`);
}

function cachedBundle(manifest: string): string | undefined {
  if (!existsSync(manifest)) return undefined;
  try {
    const { inputs, bundle } = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
    const same = Object.entries(inputs).every(([file, hash]) => hashOf(resolve(PROJECT_ROOT, file)) === hash);
    return same && existsSync(bundle) ? bundle : undefined;
  } catch {
    return undefined; // a manifest half-written by a killed process: build again
  }
}

/**
 * One function's package: its entry file and the chunks it loads on first use, in a directory named by the
 * content hash of them all (written to a temporary directory, then renamed into place). Reused without
 * building when nothing it was built from has changed.
 */
async function buildOne(entryFile: string, install: readonly string[]): Promise<string> {
  const manifest = manifestFile(entryFile, install);
  const cached = cachedBundle(manifest);
  if (cached) return cached;
  const name = basename(entryFile, '.ts');
  const staging = join(CACHE, `.staging-${name}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  // Files a plugin built into the bundle (the web console): the cache must see them change too.
  const pluginInputs: string[] = [];
  const result = await build({
    ...esbuildOptions,
    plugins: esbuildPlugins((inputs) => pluginInputs.push(...inputs)),
    external: [...esbuildOptions.external, ...install],
    entryPoints: [entryFile],
    outdir: staging,
    write: false,
    logLevel: 'error',
    metafile: true,
  });
  const hash = createHash('sha256');
  for (const file of [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path)))
    hash.update(relative(staging, file.path)).update(file.contents);
  const directory = join(CACHE, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(directory)) {
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
    }
    try {
      renameSync(staging, directory);
    } catch (error) {
      // Another process put the same package there first.
      if (!existsSync(directory)) throw error;
    }
  }
  rmSync(staging, { recursive: true, force: true });
  const bundle = join(directory, `${name}.mjs`);
  const inputs = Object.fromEntries(
    [...Object.keys(result.metafile.inputs), ...pluginInputs]
      .filter((input) => !input.includes(':')) // a plugin's virtual module is no file
      .map((input) => [input, hashOf(resolve(PROJECT_ROOT, input))]),
  );
  writeFileSync(`${manifest}.${process.pid}`, JSON.stringify({ inputs, bundle } satisfies Manifest));
  renameSync(`${manifest}.${process.pid}`, manifest);
  return bundle;
}
