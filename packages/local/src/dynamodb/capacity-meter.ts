import type { AttributeValue } from '@aws-sdk/client-dynamodb';
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
