import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesizeBrokerStack } from '../synthesize';

describe('ticketing forwarding', () => {
  it('deploys an API destination with retries, a dead-letter queue and its alarm, only when configured', async () => {
    // Prepare: the example config plus a ticketing section (each test file runs in its own process).
    const config = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../config/production.example.json'), 'utf8'),
    );
    config.ticketing = {
      endpoint: 'https://automation.example.com/hooks/abc',
      apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jira-hook-AbCdEf',
    };
    const file = join(mkdtempSync(join(tmpdir(), 'broker-config-')), 'config.json');
    writeFileSync(file, JSON.stringify(config));
    process.env.BROKER_CONFIG = file;
    // Act
    const { template, nagFindings } = await synthesizeBrokerStack();
    // Assess
    template.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: 'https://automation.example.com/hooks/abc',
      HttpMethod: 'POST',
    });
    template.hasResourceProperties('AWS::Events::Connection', { AuthorizationType: 'API_KEY' });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['access-broker'],
        'detail-type': Match.arrayWith(['Access Granted', 'Revocation Failed']),
      },
      Targets: [
        Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 185 }, DeadLetterConfig: Match.anyValue() }),
      ],
    });
    expect(
      Object.values(template.toJSON().Resources).filter(
        (resource: any) => resource.Type === 'AWS::CloudWatch::Alarm',
      ),
      // The broker's twelve (broker-stack.test.ts), and the forwarder's dead letters.
    ).toHaveLength(13);
    // The key stays in Secrets Manager: the template holds only a dynamic reference to it.
    const apiKeyValues = [...JSON.stringify(template.toJSON()).matchAll(/"ApiKeyValue":"([^"]*)"/g)].map(
      (match) => match[1],
    );
    expect(apiKeyValues).toEqual([
      expect.stringMatching(
        /^\{\{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:jira-hook-AbCdEf/,
      ),
    ]);
    expect(nagFindings).toEqual([]);
  }, 180_000);
});
