import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/**
 * The CLI as one ES module with every dependency inside (`dist/broker.mjs`, which bin/broker.mjs loads):
 * installed from its tarball it needs nothing from the registry, and Node reads one 70 KB file instead of
 * resolving hundreds (a command starts in tens of milliseconds, not the seconds tsx takes to transpile the
 * sources). What only `login` and `console` use (the OpenID client, the AWS SDK: 90% of the code) is imported
 * dynamically and split into `dist/chunks/`, so no other command even parses it.
 */
export async function bundleCli(outdir = DIST): Promise<{ entry: string; bytes: number }> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { broker: `${ROOT}/src/main.ts` },
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    // Bundled CommonJS (commander, the SDK) calls require() for Node's own modules.
    banner: {
      js: "import { createRequire as __brokerRequire } from 'node:module'; const require = __brokerRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const entry = join(outdir, 'broker.mjs');
  return { entry, bytes: statSync(entry).size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { entry, bytes } = await bundleCli();
  console.log(`${entry}: ${(bytes / 1024).toFixed(1)} KB (what every command loads)`);
}
