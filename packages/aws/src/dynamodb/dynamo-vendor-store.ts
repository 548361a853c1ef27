import { type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Vendor, type VendorChange, VendorConflictError, type VendorStore } from '@access-broker/core';
import { documentClient } from './document-client';
import { GRANT_TABLE } from './grant-table';
import { queryAll } from './query-all';

const { partitionKey: PK, sortKey: SK } = GRANT_TABLE;
/** Every vendor lives in one partition: a handful of items, listed with one Query. */
const VENDORS = 'VENDORS';
const vendorKey = (id: string) => ({ [PK]: VENDORS, [SK]: `VENDOR#${id}` });
/** A vendor's history has its own partition, so listing the registry reads vendors only. */
const vendorHistoryPartition = (id: string) => `VENDOR#${id}`;
const changeItem = (change: VendorChange) => ({
  [PK]: vendorHistoryPartition(change.vendorId),
  [SK]: `CHANGE#${String(change.seq).padStart(6, '0')}`,
  vendorChange: change,
});

/** The vendor registry on the broker's table; a put is conditional on the version it replaces. */
export class DynamoVendorStore implements VendorStore {
  private readonly documents: ReturnType<typeof documentClient>;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = documentClient(client);
  }

  async get(id: string) {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: vendorKey(id), ConsistentRead: true }),
    );
    return Item?.vendor as Vendor | undefined;
  }

  async list() {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :vendors',
      ExpressionAttributeNames: { '#pk': PK },
      ExpressionAttributeValues: { ':vendors': VENDORS },
      ConsistentRead: true,
    });
    return items.map((item) => item.vendor as Vendor);
  }

  /** The vendor and its change in one transaction: the history never disagrees with the registry. */
  async put(vendor: Vendor, expectedVersion: number, change: VendorChange) {
    const TableName = this.tableName;
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: { ...vendorKey(vendor.id), vendor, version: vendor.version },
                ...(expectedVersion === 0
                  ? {
                      ConditionExpression: 'attribute_not_exists(#pk)',
                      ExpressionAttributeNames: { '#pk': PK },
                    }
                  : {
                      ConditionExpression: '#version = :expected',
                      ExpressionAttributeNames: { '#version': 'version' },
                      ExpressionAttributeValues: { ':expected': expectedVersion },
                    }),
              },
            },
            {
              Put: {
                TableName,
                Item: changeItem(change),
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': PK },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new VendorConflictError(vendor.id);
      throw error;
    }
  }

  async history(id: string) {
    const items = await queryAll(this.documents, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :vendor',
      ExpressionAttributeNames: { '#pk': PK },
      ExpressionAttributeValues: { ':vendor': vendorHistoryPartition(id) },
      ConsistentRead: true,
    });
    return items.map((item) => item.vendorChange as VendorChange);
  }
}
