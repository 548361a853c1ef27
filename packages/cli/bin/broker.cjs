#!/usr/bin/env node
// Installed (from the tarball `npm pack` makes) the CLI is one bundled CommonJS file, dist/broker.cjs: Node
// loads it faster than an ES module, so this entry is CommonJS too. In a clone of the repository, where the
// sources are, it runs them through tsx instead, so a change needs no build.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// Node 22.1+ keeps the compiled bundle between runs (a no-op before): later commands start sooner.
require('node:module').enableCompileCache?.();
const source = join(__dirname, '../src/main.ts');
if (existsSync(source)) {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import(pathToFileURL(source).href);
  });
} else {
  require('../dist/broker.cjs');
}
