import type { AttributeValue, CreateTableInput } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

/** Each table's key attribute names (partition key first), from the definitions the tables were created with. */
export type TableKeys = ReadonlyMap<string, readonly string[]>;

export function keyNamesOf(table: CreateTableInput): string[] {
  const schema = table.KeySchema ?? [];
  return [...schema]
    .sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0))
    .map((key) => key.AttributeName!);
}

/** An item's key, as a stream record or a Delete names it. */
export function keyOf(keys: TableKeys, tableName: string, item: Item): Item {
  const names = keys.get(tableName);
  if (!names) throw new TypeError(`Requested resource not found: table ${tableName}`);
  return Object.fromEntries(names.map((name) => [name, item[name]!]));
}
