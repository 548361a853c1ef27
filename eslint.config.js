import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Layer rules (STYLE.md): the domain stays pure, and only tests and `npm start` reach into the local runtime.
const infrastructureImports = [
  '@aws-sdk/*',
  '@smithy/*',
  '@slack/*',
  '@middy/*',
  'aws-lambda',
  'node:http',
  'node:https',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.broker/**',
      '.sst/**',
      'cdk.out/**',
      '**/dist/**',
      'bench/.out/**',
      'synth/**',
      'packages/api-types/broker-api.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS entry points (the CLI's bin: Node starts CommonJS faster than an ES module).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // No import cycles: each module can be read (and loaded) after the ones it imports. Type-only imports
    // are not followed (they vanish at run time).
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { type X }` still loads the module at run time; type-only packages (aws-lambda) have none.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // A function a reader can hold in their head. Tests are exempt: a describe block is a list, not logic.
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', 'test/**', 'packages/*/test/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests mutate raw JSON fixtures into invalid shapes on purpose.
    files: ['**/*.test.ts', 'packages/*/test/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: infrastructureImports,
              message: 'packages/core is pure: define a port and implement it in an adapter.',
            },
            {
              group: ['@access-broker/*', '@cloud-copilot/iam-simulate'],
              message: 'packages/core depends on nothing else of ours, and never on AGPL code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The local AWS is a fenced library: it emulates AWS for whatever runs on it, and knows nothing of the broker.
    files: ['packages/local-aws/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@access-broker/*', '**/local/src/**'],
              message: 'packages/local-aws knows no broker code: pass what it needs (tables, names) in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/{aws,functions,cli}/src/**/*.ts', 'stacks/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@access-broker/local',
                '@access-broker/local-aws',
                '**/local/src/**',
                '**/local-aws/src/**',
              ],
              message: 'Only tests and `npm start` may import the local runtime.',
            },
            {
              group: ['@cloud-copilot/iam-simulate'],
              message: 'iam-simulate is AGPL and dev-only: it must never reach a Lambda bundle.',
            },
          ],
        },
      ],
    },
  },
);
