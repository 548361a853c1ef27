import { join } from 'node:path';
import { createGrantTableInput } from '@access-broker/aws';
import { startLocalDynamoDb } from '@access-broker/local-aws';
import { fullingDisk } from '../local-faults';
import { TableStream } from '../table-stream';
import type { LocalStage } from './local-stage';

/**
 * The grant table in the local DynamoDB, persisted in the home, with its stream feeding the outbox function
 * (one ordered queue; a batch that keeps failing is dead-lettered, i.e. logged).
 */
export async function startGrantTable(stage: LocalStage) {
  const { options, print } = stage;
  const stream = new TableStream((event) => stage.invoke('outbox', event), {
    deadLetter: (records, error) =>
      print(`[outbox] ${records.length} stream record(s) dead-lettered: ${String(error)}`),
  });
  const bytes = options.faults?.diskFullAfterBytes;
  const disk = bytes !== undefined ? fullingDisk(bytes) : undefined;
  const dynamodb = await startLocalDynamoDb({
    tables: [createGrantTableInput(stage.resources.tableName)],
    log: join(options.home, 'dynamodb.jsonl'),
    legacyDir: join(options.home, 'dynamodb'),
    authority: stage.authority,
    ...(disk ? { disk } : {}),
    ...(options.observeDynamoDb ? { onCall: options.observeDynamoDb } : {}),
    onStream: (records) => stream.push(records),
  });
  stage.started.push(() => dynamodb.close());
  return { dynamodb, stream, disk };
}
