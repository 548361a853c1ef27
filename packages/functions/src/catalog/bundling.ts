import { consoleAssetsPlugin } from '@access-broker/console/build';

/**
 * How every Lambda is bundled: shared by the stack, the local runtime (which runs these very bundles) and
 * `npm run bench` (which reports their sizes).
 * The Lambda Node.js 22 runtime ships AWS SDK v3 (clients and Smithy core), so those stay external; the
 * DynamoDB document client helpers are bundled because only the clients are guaranteed in the runtime.
 */
const SDK_EXTERNALS = [
  '@aws-sdk/client-*',
  '@aws-sdk/core',
  '@aws-sdk/credential-provider-*',
  '@aws-sdk/middleware-*',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@aws-sdk/types',
  '@aws-sdk/util-*',
  '@aws-sdk/region-config-resolver',
  '@aws-sdk/xml-builder',
  '@smithy/*',
];

export const esbuildOptions = {
  format: 'esm' as const,
  platform: 'node' as const,
  target: 'node22',
  minify: true,
  // Error class names are the Lambda errorType that Step Functions' Retry and Catch match (GrantConflictError):
  // minification must not mangle them.
  keepNames: true,
  bundle: true,
  external: SDK_EXTERNALS,
  // Adapters are imported on first use (wiring/adapters.ts). Split, each lands in a chunk loaded then,
  // with the SDK clients it imports; one file would import every client at cold start.
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // ESM bundles of CommonJS dependencies still call require(): give them one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

/**
 * The plugins every bundle is built with (the stack's and the local runtime's): the web console, built into
 * the functions that serve it. `onInputs` hears the console's source files (the local bundle cache keys on them).
 */
export const esbuildPlugins = (onInputs?: (inputs: string[]) => void) => [consoleAssetsPlugin(onInputs)];
