import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandaloneDynamoDb } from './standalone-dynamodb';

let dynamo: Awaited<ReturnType<typeof startStandaloneDynamoDb>>;
beforeAll(async () => {
  dynamo = await startStandaloneDynamoDb({
    tables: [
      {
        TableName: 'things',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ],
  });
});
afterAll(() => dynamo.close());

const call = (body: string, headers: Record<string, string> = {}) =>
  fetch(dynamo.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      ...headers,
    },
    body,
  });

describe('the local DynamoDB endpoint', () => {
  it('reads nothing of an unsigned request, not even its JSON: 403, never a 500', async () => {
    const response = await call('{not json');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ __type: 'MissingAuthenticationToken' });
  });

  it('answers a signed request that is not JSON with a SerializationException', async () => {
    const url = new URL(dynamo.endpoint);
    const signer = new SignatureV4({
      service: 'dynamodb',
      region: 'us-east-1',
      credentials: dynamo.credentials,
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.GetItem',
      },
      body: '{not json',
    });
    const response = await call('{not json', signed.headers);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
  });
});
