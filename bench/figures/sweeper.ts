import { createGrantTableInput } from '@access-broker/aws';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoGrantStore } from '../../packages/aws/src/index';
import type { GrantRecord } from '../../packages/core/src/index';
import { grantItem } from '../../packages/aws/src/dynamodb/grant-items';
import { startStandaloneDynamoDb } from '@access-broker/local-aws';
import { type Figure, median, round, timed } from './measure';

export const TABLE = 'sweeper-bench';
const DUE = 50;

function grant(id: string, dueAt: Date): GrantRecord {
  const at = new Date(dueAt.getTime() - 3_600_000).toISOString();
  return {
    id,
    status: 'ACTIVE',
    version: 5,
    createdAt: at,
    updatedAt: at,
    createdBy: 'bench',
    principal: {
      arn: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
      accountId: '111122223333',
      partition: 'aws',
      kind: 'role',
    },
    targetAccountId: '000000000000',
    profile: 's3-audit-read',
    parameters: { bucket: 'awsproduction345' },
    statements: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::awsproduction345/*'] },
    ],
    managedPolicyArns: [],
    durationSeconds: 3600,
    justification: 'sweeper benchmark',
    requester: { id: 'bench' },
    externalId: 'Zt8aQe3r1Lk0-vendor-tenant-4471',
    externalIdSource: 'supplied',
    approvals: [],
    roleName: `access-broker-${id}`,
    expiresAt: dueAt.toISOString(),
    dueAt: dueAt.toISOString(),
  };
}

export async function seed(client: DynamoDBClient, from: number, to: number, dueAt: (i: number) => Date) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = from; i < to; i += 25) {
    batches.push(
      Array.from({ length: Math.min(25, to - i) }, (_, j) =>
        grantItem(grant(`g${String(i + j).padStart(7, '0')}`, dueAt(i + j)), 1),
      ),
    );
  }
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        await client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [TABLE]: batch.map((item) => ({
                PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
              })),
            },
          }),
        );
      }
    }),
  );
}

/**
 * What one sweep reads (the byExpiry Query plus the due records) with `small` and then `large` live grants
 * stored, the same 50 due each time. The index is sparse and keyed by due time, so the cost must not grow.
 */
export async function sweeperScaling(small: number, large: number, runs = 15): Promise<Figure> {
  const dynamo = await startStandaloneDynamoDb({ tables: [createGrantTableInput(TABLE)] });
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
    credentials: dynamo.credentials,
  });
  const store = new DynamoGrantStore(client, { tableName: TABLE });
  const now = new Date();
  const later = (i: number) => new Date(now.getTime() + 86_400_000 + i * 1000);
  try {
    await seed(client, 0, DUE, (i) => new Date(now.getTime() - 60_000 + i));
    const sweep = async () => {
      const [ids, ms] = await timed(async () => {
        const due = await store.listDue(now, 100);
        await Promise.all(due.map((id) => store.get(id)));
        return due;
      });
      if (ids.length !== DUE) throw new Error(`bench: expected ${DUE} due grants, found ${ids.length}`);
      return ms;
    };
    const measure = async () =>
      median(
        await Array.from({ length: runs }).reduce<Promise<number[]>>(
          async (acc) => [...(await acc), await sweep()],
          Promise.resolve([]),
        ),
      );
    await seed(client, DUE, DUE + small, later);
    const atSmall = await measure();
    await seed(client, DUE + small, DUE + large, later);
    const atLarge = await measure();
    const ratio = atLarge / atSmall;
    return {
      figure: `Sweep cost at ${small.toLocaleString('en')} vs ${large.toLocaleString('en')} stored grants (${DUE} due)`,
      measured: `${round(atSmall, 2)} ms vs ${round(atLarge, 2)} ms → ratio ${round(ratio, 2)}`,
      target: 'ratio ≤ 1.2',
      ok: ratio <= 1.2,
      values: {
        smallGrants: small,
        largeGrants: large,
        smallMs: round(atSmall, 2),
        largeMs: round(atLarge, 2),
        ratio: round(ratio, 2),
      },
    };
  } finally {
    client.destroy();
    await dynamo.close();
  }
}
