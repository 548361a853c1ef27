import { brokerEventDetailSchema, EVENT_DETAIL_TYPES, EVENT_SOURCE } from '@access-broker/core';
import * as z from 'zod';
import { openApiDocument } from '../http/openapi-document';

/**
 * The contracts committed to the repository, generated from the code's own schemas: the OpenAPI document
 * and one JSON Schema per EventBridge detail-type. `npm run contracts` writes them; a test fails on drift.
 */
export function contractFiles(): Record<string, string> {
  const files: Record<string, string> = { 'openapi.json': json(openApiDocument()) };
  const detail = z.toJSONSchema(brokerEventDetailSchema);
  for (const detailType of EVENT_DETAIL_TYPES) {
    files[`docs/events/${detailType.toLowerCase().replace(/ /g, '-')}.schema.json`] = json({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: detailType,
      description: `EventBridge event "${detailType}" on the access-broker bus (source "${EVENT_SOURCE}"). It never carries the External ID.`,
      type: 'object',
      required: ['source', 'detail-type', 'detail'],
      properties: { source: { const: EVENT_SOURCE }, 'detail-type': { const: detailType }, detail },
    });
  }
  return files;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
