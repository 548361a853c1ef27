import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/**
 * What only `login` and `console` use — the OpenID client, the AWS SDK: 90% of the code — bundled on its own,
 * so no other command even parses it. Each is imported dynamically by the commands that need it.
 */
const LAZY = {
  'oidc-sign-in': 'src/sign-in/oidc-sign-in.ts',
  'console-sign-in': 'src/third-party/console-sign-in.ts',
} as const;

/** The dynamic imports of LAZY modules, pointed at their own bundles beside the CLI's. */
const lazyChunks: Plugin = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /(oidc-sign-in|console-sign-in)$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? { path: `./chunks/${args.path.split('/').pop()}.cjs`, external: true }
        : undefined,
    );
  },
};

/**
 * The CLI as one CommonJS file with every dependency inside (`dist/broker.cjs`, which bin/broker.cjs loads),
 * plus `dist/chunks/` for LAZY: installed from its tarball it needs nothing from the registry, and Node reads
 * one 70 KB file instead of resolving hundreds — a command starts about 15 ms after Node itself, where tsx
 * takes a third of a second to transpile the sources. CommonJS, because Node loads it faster than an ES module.
 */
export async function bundleCli(outdir = DIST): Promise<{ entry: string; bytes: number }> {
  rmSync(outdir, { recursive: true, force: true });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    define: { BROKER_CLI_VERSION: JSON.stringify(version) },
    // version.ts reads import.meta only when the sources run unbundled.
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'warning',
    metafile: true,
  };
  const entry = join(outdir, 'broker.cjs');
  await build({ ...common, entryPoints: [join(ROOT, 'src/main.ts')], outfile: entry, plugins: [lazyChunks] });
  for (const [name, source] of Object.entries(LAZY)) {
    const { metafile } = await build({
      ...common,
      entryPoints: [join(ROOT, source)],
      outfile: join(outdir, 'chunks', `${name}.cjs`),
    });
    // A chunk has its own copy of what it bundles: a class of the CLI's in it would fail `instanceof` checks.
    const own = Object.keys(metafile!.inputs).filter((input) => !input.includes('node_modules'));
    if (own.length !== 1) throw new Error(`${name} bundles the CLI's own modules too: ${own.join(', ')}`);
  }
  return { entry, bytes: statSync(entry).size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { entry, bytes } = await bundleCli();
  console.log(`${entry}: ${(bytes / 1024).toFixed(1)} KB (what every command loads)`);
}
