import type { AuthorizationRequest } from '../iam/aws-authority';
import type { JsonBody } from '../protocol/json-protocol';

type Body = JsonBody;
const ITEM_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/**
 * The IAM checks DynamoDB makes for one call: the operation on the table (or the index a Query names);
 * transactions are authorized per item, with the item's own action, as DynamoDB does.
 */
export function dynamoDbPermissions(
  operation: string,
  body: Body,
  tableArn: (tableName: string) => string,
): AuthorizationRequest[] {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    return ((body.TransactItems ?? []) as Body[]).flatMap((item) =>
      Object.entries(item).map(([kind, request]) => ({
        action: `dynamodb:${ITEM_ACTIONS[kind] ?? kind}`,
        resource: tableArn(String((request as Body).TableName)),
      })),
    );
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    return Object.keys(body.RequestItems ?? {}).map((table) => ({
      action: `dynamodb:${operation}`,
      resource: tableArn(table),
    }));
  }
  if (operation === 'ListTables') return [{ action: 'dynamodb:ListTables', resource: '*' }];
  const index = body.IndexName ? `/index/${String(body.IndexName)}` : '';
  return [{ action: `dynamodb:${operation}`, resource: `${tableArn(String(body.TableName))}${index}` }];
}
