import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DynaliteBackend } from './dynalite-in-process';
import { keyOf, type TableKeys } from './table-keys';

type Item = Record<string, AttributeValue>;

export interface CancellationReason {
  Code: 'None' | 'ConditionalCheckFailed' | 'ValidationError';
  Message?: string;
  Item?: Item;
}

/** A call dynalite refused for a reason other than a failed condition: the transaction is invalid. */
class TransactionItemRejected extends Error {}

/**
 * TransactWriteItems for dynalite, which lacks it. The caller holds the write mutex, so no other write can
 * interleave: each item is applied in order with its own condition (dynalite evaluates the expression), and
 * on the first failure every applied item is restored to its prior image. All-or-nothing, as in DynamoDB.
 */
export async function transactWriteItems(
  dynalite: DynaliteBackend,
  items: TransactWriteItem[],
  keys: TableKeys,
): Promise<{ cancelled: CancellationReason[] } | { priorImages: (Item | undefined)[] }> {
  const applied: { tableName: string; key: Item; before: Item | undefined }[] = [];
  const reasons: CancellationReason[] = items.map(() => ({ Code: 'None' }));
  for (const [index, item] of items.entries()) {
    const { tableName, key } = target(item, keys);
    // Writes hand back their prior image (ALL_OLD) for the rollback: one call per item, not two.
    const answer = await apply(dynalite, item, key);
    if (answer.status === 200) {
      applied.push({ tableName, key, before: answer.body.Attributes as Item | undefined });
      continue;
    }
    if (!String(answer.body.__type).endsWith('ConditionalCheckFailedException')) {
      await rollback(dynalite, applied);
      throw new TransactionItemRejected(
        String(answer.body.message ?? answer.body.Message ?? answer.body.__type),
      );
    }
    const returnOld = Object.values(item)[0]?.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const current = returnOld
      ? ((await dynalite.call('GetItem', { TableName: tableName, Key: key, ConsistentRead: true })).body
          .Item as Item | undefined)
      : undefined;
    reasons[index] = {
      Code: 'ConditionalCheckFailed',
      Message: 'The conditional request failed',
      ...(current ? { Item: current } : {}),
    };
    await rollback(dynalite, applied);
    return { cancelled: reasons };
  }
  const priorImages = applied.map((entry) => entry.before);
  // Condition checks touched a scratch attribute: put those items back exactly as they were.
  await rollback(
    dynalite,
    applied.filter((_, index) => items[index]?.ConditionCheck),
  );
  return { priorImages };
}

function target(item: TransactWriteItem, keys: TableKeys): { tableName: string; key: Item } {
  if (item.Put)
    return { tableName: item.Put.TableName!, key: keyOf(keys, item.Put.TableName!, item.Put.Item!) };
  const operation = item.Update ?? item.Delete ?? item.ConditionCheck;
  if (!operation) throw new TypeError('a TransactItem needs Put, Update, Delete or ConditionCheck');
  return { tableName: operation.TableName!, key: operation.Key! };
}

function apply(dynalite: DynaliteBackend, item: TransactWriteItem, key: Item) {
  // ReturnValuesOnConditionCheckFailure belongs to the transaction, not to the single-item calls.
  const plain = <T extends object>(operation: T) => {
    const { ReturnValuesOnConditionCheckFailure: _, ...rest } = operation as T & {
      ReturnValuesOnConditionCheckFailure?: unknown;
    };
    return { ...rest, ReturnValues: 'ALL_OLD' };
  };
  if (item.Put) return dynalite.call('PutItem', plain(item.Put));
  if (item.Update) return dynalite.call('UpdateItem', plain(item.Update));
  if (item.Delete) return dynalite.call('DeleteItem', plain(item.Delete));
  // A condition check writes nothing; evaluate it as an update of a scratch attribute that is then undone.
  const check = item.ConditionCheck!;
  return dynalite.call('UpdateItem', {
    TableName: check.TableName,
    Key: key,
    ConditionExpression: check.ConditionExpression,
    ExpressionAttributeNames: { ...check.ExpressionAttributeNames, '#txcheck': '__txcheck' },
    ExpressionAttributeValues: { ...check.ExpressionAttributeValues, ':txcheck': { BOOL: true } },
    UpdateExpression: 'SET #txcheck = :txcheck',
    ReturnValues: 'ALL_OLD',
  });
}

async function rollback(
  dynalite: DynaliteBackend,
  applied: { tableName: string; key: Item; before: Item | undefined }[],
) {
  for (const { tableName, key, before } of applied.reverse()) {
    if (before) await dynalite.call('PutItem', { TableName: tableName, Item: before });
    else await dynalite.call('DeleteItem', { TableName: tableName, Key: key });
  }
}
