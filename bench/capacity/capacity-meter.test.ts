import { describe, expect, it } from 'vitest';
import { CapacityMeter, itemSize } from './capacity-meter';

const record = (status: string, padding: number, due?: string) => ({
  pk: { S: 'REQ#r1' },
  sk: { S: 'META' },
  record: { S: 'x'.repeat(padding) },
  statusPk: { S: status },
  statusSk: { S: '2026-11-24T00:00:00.000Z#r1' },
  listPk: { S: 'REQUEST' },
  listSk: { S: '2026-11-24T00:00:00.000Z#r1' },
  ...(due ? { expiryPk: { S: 'ACTIVE#0' }, expirySk: { S: `${due}#r1` } } : {}),
});

describe('the DynamoDB capacity meter', () => {
  it('sizes items as DynamoDB bills them: names plus values', () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(2 + 3);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ m: { M: { a: { BOOL: true } } } })).toBe(1 + 3 + 1 + 1 + 1);
    // Binary counts its bytes, also when it arrives base64-encoded in a request body.
    expect(itemSize({ b: { B: 'AAECAw==' as never } })).toBe(1 + 4);
    expect(itemSize({ b: { B: new Uint8Array(4) } })).toBe(1 + 4);
  });

  it('bills a transactional put twice, and each index by its projection and key change', () => {
    const meter = new CapacityMeter();
    // Created: 2.x KB → 3 units, doubled; byStatus and byCreated (keys only) 1 each; not due (byExpiry sparse).
    meter.write(record('PENDING_APPROVAL', 2_000), undefined, true);
    expect([meter.writeUnits, meter.indexWriteUnits]).toEqual([6, 2]);
    meter.reset();
    // Status changes and becomes due: byStatus deletes and puts (1 + 1), byCreated keeps its keys and
    // projects nothing else (0), byExpiry puts one small item (1).
    meter.write(record('ACTIVE', 2_000, '2026-11-25T00:00:00.000Z'), record('PENDING_APPROVAL', 2_000), true);
    expect([meter.writeUnits, meter.indexWriteUnits]).toEqual([6, 3]);
  });

  it('counts reads in 4 KB units, halved when eventually consistent', () => {
    const meter = new CapacityMeter();
    meter.read([record('ACTIVE', 5_000)], true);
    meter.read([record('ACTIVE', 5_000)], false);
    expect(meter.readUnits).toBe(2 + 1);
  });
});
