import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'stacks/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The CLI the tests run is the packed, installed one (test/setup/packed-cli.ts).
    globalSetup: ['test/setup/packed-cli.ts'],
    // Over-the-wire tests start local endpoints; two cores are shared between workers.
    pool: 'forks',
    // Two files at a time: most end-to-end time is waiting (expiries, IAM propagation, polling), so a second
    // worker fills it. Vitest's default on two cores is one worker (about 10 min instead of 7).
    maxWorkers: 2,
    // See packages/local/src/runtime/sdk-node-notice.ts.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
