import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declarationOf, FUNCTION_NAMES } from './function-catalog';

/** What `npm ci` installs, and so what every test ran with. */
const lock = JSON.parse(readFileSync(new URL('../../../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

/**
 * A package a function installs next to its bundle (SST runs `npm install` for it at deploy) gets the version
 * packages/functions/package.json names — or, unnamed, whatever is newest that day. Pinned to the version the
 * tests ran with, a deploy ships what was tested.
 */
describe('packages installed beside a bundle', () => {
  const installed = [...new Set(FUNCTION_NAMES.flatMap((name) => declarationOf(name).install ?? []))];

  it.each(installed)('%s is pinned to the version the tests use', (name) => {
    const locked = lock.packages[`node_modules/${name}`]?.version;
    expect(locked).toBeDefined();
    expect(manifest.dependencies[name]).toBe(locked);
  });
});
