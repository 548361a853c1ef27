#!/usr/bin/env node
// Installed (from the tarball `npm pack` makes) the CLI is one bundled file, dist/broker.mjs. In a clone of the
// repository, where the sources are, it runs them through tsx instead, so a change needs no build.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { URL } from 'node:url';

// Node 22.1+ keeps the compiled bundle between runs (a no-op before): later commands start sooner.
module.enableCompileCache?.();
const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/broker.mjs');
}
