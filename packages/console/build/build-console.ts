import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const SOURCE = resolve(import.meta.dirname, '../src');
const ROOT = resolve(import.meta.dirname, '../../..');

/** One file of the console as the API serves it. */
export interface ConsoleFile {
  contentType: string;
  body: string;
}

export interface ConsoleBuild {
  /** By file name: `index.html`, and the script and style sheet it loads, named by content hash. */
  files: Record<string, ConsoleFile>;
  /** Every source file the build read (repository-relative), so a cache can tell when to build again. */
  inputs: string[];
}

/**
 * The web console for browsers: Preact, uPlot and the sign-in, bundled and minified by esbuild into one
 * script and one style sheet, named by their content hash so they can be cached for ever, and the page that
 * loads them. No inline script or style anywhere, so the page's Content-Security-Policy needs neither.
 */
export async function buildConsole(): Promise<ConsoleBuild> {
  const result = await build({
    entryPoints: { app: resolve(SOURCE, 'main.tsx') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/console',
    write: false,
    metafile: true,
    logLevel: 'error',
    legalComments: 'none',
  });
  const files: Record<string, ConsoleFile> = {};
  const named: Record<string, string> = {};
  for (const output of result.outputFiles) {
    const extension = output.path.endsWith('.css') ? 'css' : 'js';
    const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 12);
    const name = `app-${hash}.${extension}`;
    named[extension] = name;
    files[name] = { contentType: CONTENT_TYPES[extension], body: output.text };
  }
  const page = readFileSync(resolve(SOURCE, 'index.html'), 'utf8')
    .replace('app.css', named.css ?? '')
    .replace('app.js', named.js ?? '');
  files['index.html'] = { contentType: 'text/html', body: page };
  const inputs = [
    ...Object.keys(result.metafile.inputs).map((input) => relative(ROOT, resolve(input))),
    relative(ROOT, resolve(SOURCE, 'index.html')),
  ];
  return { files, inputs };
}

const CONTENT_TYPES = { css: 'text/css', js: 'text/javascript' } as const;

/**
 * Lets a Lambda `import files from '@access-broker/console/assets'` (every file) or `…/console/page` (the page
 * alone): the console, built when the function is bundled, as a module of strings. The stack and the local
 * runtime bundle with the same plugin; `onInputs` hears which files went in (the local bundle cache keys on them).
 */
export function consoleAssetsPlugin(onInputs?: (inputs: string[]) => void): Plugin {
  return {
    name: 'console-assets',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^@access-broker\/console\/(assets|page)$/ }, ({ path }) => ({
        path,
        namespace: 'console-assets',
      }));
      esbuild.onLoad({ filter: /.*/, namespace: 'console-assets' }, async ({ path }) => {
        const { files, inputs } = await buildConsole();
        onInputs?.(inputs);
        const wanted = path.endsWith('/page') ? { 'index.html': files['index.html'] } : files;
        return {
          contents: `export default ${JSON.stringify(wanted)};`,
          loader: 'js',
          watchFiles: inputs.map((input) => resolve(ROOT, input)),
        };
      });
    },
  };
}
