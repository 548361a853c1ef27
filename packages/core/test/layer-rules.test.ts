import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules live in eslint.config.js and run in `npm test`; this proves they actually bite.
const eslint = new ESLint();
const lint = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
};

describe('layer rules', () => {
  it.each([
    "import { IAMClient } from '@aws-sdk/client-iam';",
    "import { WebClient } from '@slack/web-api';",
    "import middy from '@middy/core';",
    "import type { APIGatewayProxyEventV2 } from 'aws-lambda';",
    "import { runSimulation } from '@cloud-copilot/iam-simulate';",
    "import { startLocalBroker } from '@access-broker/local';",
  ])('keep packages/core pure: %s', async (code) => {
    expect(await lint('packages/core/src/policy/example.ts', `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    'packages/aws/src/example.ts',
    'packages/functions/src/example.ts',
    'packages/cli/src/example.ts',
  ])('keep the local runtime out of %s', async (filePath) => {
    expect(await lint(filePath, "import { x } from '@access-broker/local';\nexport { x };\n")).not.toEqual(
      [],
    );
  });

  it('let adapters use the AWS SDK', async () => {
    expect(
      await lint(
        'packages/aws/src/example.ts',
        "import { IAMClient } from '@aws-sdk/client-iam';\nexport { IAMClient };\n",
      ),
    ).toEqual([]);
  });
});
