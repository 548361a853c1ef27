import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { GRANT_TABLE, grantTableKeyAttributes } from '@access-broker/aws';
import { Table } from 'sst/constructs';

/** The one table, from the adapter's own description of it (keys, indexes, TTL, stream); never deleted. */
export function grantTable(stack: Stack) {
  const { partitionKey, sortKey, ttlAttribute, indexes } = GRANT_TABLE;
  return new Table(stack, 'Grants', {
    fields: Object.fromEntries(grantTableKeyAttributes().map((name) => [name, 'string' as const])),
    primaryIndex: { partitionKey, sortKey },
    globalIndexes: Object.fromEntries(
      Object.entries(indexes).map(([name, index]) => [
        name,
        {
          partitionKey: index.partitionKey,
          sortKey: index.sortKey,
          projection: index.projection === 'ALL' ? ('all' as const) : ('keys_only' as const),
        },
      ]),
    ),
    timeToLiveAttribute: ttlAttribute,
    stream: 'new_image' satisfies Lowercase<typeof GRANT_TABLE.stream>,
    cdk: {
      table: { pointInTimeRecovery: true, deletionProtection: true, removalPolicy: RemovalPolicy.RETAIN },
    },
  });
}
