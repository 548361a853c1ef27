import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type TransactWriteItem,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';

import { GRANT_TABLE } from '@access-broker/aws';

type Item = Record<string, AttributeValue>;

export interface CancellationReason {
  Code: 'None' | 'ConditionalCheckFailed' | 'ValidationError';
  Message?: string;
  Item?: Item;
}

/**
 * TransactWriteItems for dynalite, which lacks it. The caller holds the write mutex, so no other write can
 * interleave: each item is applied in order with its own condition (dynalite evaluates the expression), and
 * on the first failure every applied item is restored to its prior image. All-or-nothing, as in DynamoDB.
 */
export async function transactWriteItems(
  dynalite: DynamoDBClient,
  items: TransactWriteItem[],
): Promise<{ cancelled: CancellationReason[] } | { priorImages: (Item | undefined)[] }> {
  const applied: { tableName: string; key: Item; before: Item | undefined }[] = [];
  const reasons: CancellationReason[] = items.map(() => ({ Code: 'None' }));
  for (const [index, item] of items.entries()) {
    const { tableName, key } = target(item);
    try {
      // Writes hand back their prior image (ALL_OLD) for the rollback: one round trip per item, not two.
      const before = await apply(dynalite, item, key);
      applied.push({ tableName, key, before });
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const returnOld = Object.values(item)[0]?.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
      const current = returnOld
        ? (await dynalite.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true })))
            .Item
        : undefined;
      reasons[index] = {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        ...(current ? { Item: current } : {}),
      };
      await rollback(dynalite, applied);
      return { cancelled: reasons };
    }
  }
  const priorImages = applied.map((entry) => entry.before);
  // Condition checks touched a scratch attribute: put those items back exactly as they were.
  await rollback(
    dynalite,
    applied.filter((_, index) => items[index]?.ConditionCheck),
  );
  return { priorImages };
}

function target(item: TransactWriteItem): { tableName: string; key: Item } {
  if (item.Put) return { tableName: item.Put.TableName!, key: keyOf(item.Put.Item!) };
  const operation = item.Update ?? item.Delete ?? item.ConditionCheck;
  if (!operation) throw new TypeError('a TransactItem needs Put, Update, Delete or ConditionCheck');
  return { tableName: operation.TableName!, key: operation.Key! };
}

// The grant table's key attributes; a general emulator would read them from DescribeTable.
function keyOf(item: Item): Item {
  const { partitionKey, sortKey } = GRANT_TABLE;
  return { [partitionKey]: item[partitionKey]!, [sortKey]: item[sortKey]! };
}

async function apply(
  dynalite: DynamoDBClient,
  item: TransactWriteItem,
  key: Item,
): Promise<Item | undefined> {
  if (item.Put) {
    return (
      await dynalite.send(
        new PutItemCommand({
          ...(item.Put as ConstructorParameters<typeof PutItemCommand>[0]),
          ReturnValues: 'ALL_OLD',
        }),
      )
    ).Attributes;
  }
  if (item.Update) {
    return (
      await dynalite.send(
        new UpdateItemCommand({
          ...(item.Update as ConstructorParameters<typeof UpdateItemCommand>[0]),
          ReturnValues: 'ALL_OLD',
        }),
      )
    ).Attributes;
  }
  if (item.Delete) {
    return (
      await dynalite.send(
        new DeleteItemCommand({
          ...(item.Delete as ConstructorParameters<typeof DeleteItemCommand>[0]),
          ReturnValues: 'ALL_OLD',
        }),
      )
    ).Attributes;
  }
  // A condition check writes nothing; evaluate it as an update of a scratch attribute that is then undone.
  const check = item.ConditionCheck!;
  const { Attributes } = await dynalite.send(
    new UpdateItemCommand({
      TableName: check.TableName,
      Key: key,
      ConditionExpression: check.ConditionExpression,
      ExpressionAttributeNames: { ...check.ExpressionAttributeNames, '#txcheck': '__txcheck' },
      ExpressionAttributeValues: { ...check.ExpressionAttributeValues, ':txcheck': { BOOL: true } },
      UpdateExpression: 'SET #txcheck = :txcheck',
      ReturnValues: 'ALL_OLD',
    }),
  );
  return Attributes;
}

async function rollback(
  dynalite: DynamoDBClient,
  applied: { tableName: string; key: Item; before: Item | undefined }[],
) {
  for (const { tableName, key, before } of applied.reverse()) {
    if (before) await dynalite.send(new PutItemCommand({ TableName: tableName, Item: before }));
    else await dynalite.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
  }
}
