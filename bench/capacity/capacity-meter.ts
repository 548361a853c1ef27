import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DynamoDbCall } from '@access-broker/local-aws';
import { GRANT_TABLE } from '@access-broker/aws';

type Item = Record<string, AttributeValue>;

const KB = 1024;
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** An item's size as DynamoDB bills it: attribute names plus values (AWS "Item sizes and formats"). */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  // Over the wire (a request body) binary is base64; DynamoDB bills the bytes.
  const binary = value.B as Uint8Array | string | undefined;
  if (binary !== undefined)
    return typeof binary === 'string' ? Buffer.from(binary, 'base64').length : binary.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + valueSize({ N: n }), 0);
  if (value.L) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if (value.M)
    return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + utf8(k) + valueSize(v), 0);
  return 0;
}

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

/**
 * Counts the write request units DynamoDB on-demand would bill for the grant table, index writes included:
 * a write costs one unit per KB of the larger of its old and new image (twice in a transaction); each GSI
 * costs one unit per KB of the projected item for a put, a delete, or both when the index key changed, and
 * nothing when neither the key nor a projected attribute changed. Reads count units of 4 KB (half for an
 * eventually consistent read).
 */
export class CapacityMeter {
  writeUnits = 0;
  indexWriteUnits = 0;
  readUnits = 0;
  requests = 0;

  write(next: Item | undefined, previous: Item | undefined, transactional: boolean) {
    this.requests++;
    const tableBytes = Math.max(next ? itemSize(next) : 0, previous ? itemSize(previous) : 0);
    this.writeUnits += writeUnits(tableBytes) * (transactional ? 2 : 1);
    for (const index of Object.values(GRANT_TABLE.indexes)) {
      const keys = [index.partitionKey, index.sortKey];
      const inNext = next && keys.every((key) => next[key] !== undefined);
      const inPrevious = previous && keys.every((key) => previous[key] !== undefined);
      const projected = (item: Item) =>
        index.projection === 'ALL'
          ? item
          : pick(item, [GRANT_TABLE.partitionKey, GRANT_TABLE.sortKey, ...keys]);
      let units = 0;
      if (inNext && inPrevious) {
        const sameKey = keys.every((key) => JSON.stringify(next[key]) === JSON.stringify(previous[key]));
        const sameProjection = JSON.stringify(projected(next)) === JSON.stringify(projected(previous));
        if (!sameKey)
          units = writeUnits(itemSize(projected(previous))) + writeUnits(itemSize(projected(next)));
        else if (!sameProjection) units = writeUnits(itemSize(projected(next)));
      } else if (inNext) units = writeUnits(itemSize(projected(next)));
      else if (inPrevious) units = writeUnits(itemSize(projected(previous)));
      this.indexWriteUnits += units;
    }
  }

  read(items: Item[], consistent: boolean) {
    this.requests++;
    const bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
    const units = Math.max(1, Math.ceil(bytes / (4 * KB)));
    this.readUnits += consistent ? units : units / 2;
  }

  reset() {
    this.writeUnits = 0;
    this.indexWriteUnits = 0;
    this.readUnits = 0;
    this.requests = 0;
  }
}

function pick(item: Item, names: string[]): Item {
  return Object.fromEntries(
    names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]!]),
  );
}

/**
 * Meters one call the local DynamoDB answered: the functions' calls (role sessions), not the operator reading
 * for tests and the bench. A transaction is metered from its items and their prior images; a plain request
 * from the request and its answer.
 */
export function meterCall(meter: CapacityMeter, call: DynamoDbCall) {
  if (!call.bySession) return;
  if (call.operation === 'TransactWriteItems') {
    const items = (call.request.TransactItems ?? []) as TransactWriteItem[];
    return meterTransaction(meter, items, call.priorImages ?? []);
  }
  meterRequest(meter, call.operation, call.request, call.answer);
}

function meterTransaction(
  meter: CapacityMeter,
  items: TransactWriteItem[],
  priorImages: (Item | undefined)[],
) {
  for (const [index, item] of items.entries()) {
    const prior = priorImages[index];
    if (item.Put) meter.write(item.Put.Item as Item, prior, true);
    else if (item.Delete) meter.write(undefined, prior, true);
    // A condition check is billed like a write of the item it reads; an update here keeps its image's size.
    else meter.write(prior, prior, true);
  }
}

function meterRequest(
  meter: CapacityMeter,
  operation: string,
  body: Record<string, unknown>,
  answer: Record<string, unknown>,
) {
  const consistent = body.ConsistentRead === true;
  if (operation === 'PutItem') meter.write(body.Item as Item, undefined, false);
  else if (operation === 'GetItem') meter.read(answer.Item ? [answer.Item as Item] : [], consistent);
  else if (operation === 'Query' || operation === 'Scan')
    meter.read((answer.Items ?? []) as Item[], consistent);
  else if (operation === 'BatchGetItem') {
    const requested = Object.values(
      (body.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>,
    );
    const strongly = requested.some((table) => table.ConsistentRead === true);
    for (const items of Object.values((answer.Responses ?? {}) as Record<string, Item[]>))
      for (const item of items) meter.read([item], strongly);
  }
}
