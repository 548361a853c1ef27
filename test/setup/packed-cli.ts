import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { installPackedCli } from '../../packages/cli/scripts/install-packed';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `broker` command as a user installs it: packed, then `npm install -g` into a fresh prefix. */
    installedCli: { bin: string; tarball: string; prefix: string };
  }
}

/** Every CLI test runs what ships: the packed CLI, installed globally into a temporary prefix. */
export default async function setup(project: TestProject) {
  const work = await mkdtemp(join(tmpdir(), 'broker-cli-'));
  project.provide('installedCli', await installPackedCli(work));
  return () => rm(work, { recursive: true, force: true });
}
