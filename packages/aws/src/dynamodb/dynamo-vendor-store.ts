import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Vendor, VendorConflictError, type VendorStore } from '@access-broker/core';
import { documentClient } from './document-client';
import { GRANT_TABLE } from './grant-table';
import { queryAll } from './query-all';

const { partitionKey: PK, sortKey: SK } = GRANT_TABLE;
/** Every vendor lives in one partition: a handful of items, listed with one Query. */
const VENDORS = 'VENDORS';
const vendorKey = (id: string) => ({ [PK]: VENDORS, [SK]: `VENDOR#${id}` });

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

  async put(vendor: Vendor, expectedVersion: number) {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...vendorKey(vendor.id), vendor, version: vendor.version },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VendorConflictError(vendor.id);
      throw error;
    }
  }
}
