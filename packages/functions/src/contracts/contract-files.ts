import {
  brokerEventDetailSchema,
  EVENT_DETAIL_TYPES,
  EVENT_SOURCE,
  VENDOR_EVENT_DETAIL_TYPES,
  vendorEventDetailSchema,
} from '@access-broker/core';
import * as z from 'zod';
import { openApiDocument } from '../http/openapi-document';
import { HTTP_ROUTES } from '../http/route-table';

/** Where the clients' API types live (the CLI and the console use them): generated as any client's would be. */
const CLIENT_API_TYPES = 'packages/api-types/broker-api.ts';

/**
 * The contracts committed to the repository, generated from the code's own schemas: the OpenAPI document,
 * the CLI's API types generated from it (with openapi-typescript, as any client would), and one JSON Schema
 * per EventBridge detail-type. `npm run contracts` writes them; a test fails on drift.
 */
export async function contractFiles(): Promise<Record<string, string>> {
  const openApi = openApiDocument(HTTP_ROUTES);
  const files: Record<string, string> = {
    'openapi.json': json(openApi),
    [CLIENT_API_TYPES]: await clientTypes(openApi),
  };
  const grantDetail = z.toJSONSchema(brokerEventDetailSchema);
  const vendorDetail = z.toJSONSchema(vendorEventDetailSchema);
  const detailTypes = [
    ...EVENT_DETAIL_TYPES.map((type) => [type, grantDetail] as const),
    ...VENDOR_EVENT_DETAIL_TYPES.map((type) => [type, vendorDetail] as const),
  ];
  for (const [detailType, detail] of detailTypes) {
    const name = detailType.toLowerCase().replace(/ /g, '-');
    files[`docs/events/registry/${name}.openapi.json`] = json(
      registrySchema(detailType, grantDetailOf(detailType)),
    );
    files[`docs/events/${name}.schema.json`] = json({
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

const grantDetail30 = z.toJSONSchema(brokerEventDetailSchema, { target: 'openapi-3.0' });
const vendorDetail30 = z.toJSONSchema(vendorEventDetailSchema, { target: 'openapi-3.0' });
const grantDetailOf = (detailType: string) =>
  (VENDOR_EVENT_DETAIL_TYPES as readonly string[]).includes(detailType) ? vendorDetail30 : grantDetail30;

/**
 * One event as EventBridge's Schema Registry takes it (`aws schemas create-schema --type OpenApi3`): the
 * registry's own layout, an `AWSEvent` envelope naming the source and detail-type, and the detail as an
 * OpenAPI 3.0 schema (the registry accepts OpenAPI 3.0 and JSON Schema Draft 4, not 2020-12).
 */
function registrySchema(detailType: string, detail: Record<string, unknown>) {
  const detailName = detailType.replace(/ /g, '');
  const { $schema: _dialect, ...detailSchema } = detail;
  return {
    openapi: '3.0.0',
    info: { version: '1.0.0', title: detailName },
    paths: {},
    components: {
      schemas: {
        AWSEvent: {
          type: 'object',
          required: [
            'detail-type',
            'resources',
            'detail',
            'id',
            'source',
            'time',
            'region',
            'version',
            'account',
          ],
          'x-amazon-events-detail-type': detailType,
          'x-amazon-events-source': EVENT_SOURCE,
          properties: {
            detail: { $ref: `#/components/schemas/${detailName}` },
            account: { type: 'string' },
            'detail-type': { type: 'string' },
            id: { type: 'string' },
            region: { type: 'string' },
            resources: { type: 'array', items: { type: 'string' } },
            source: { type: 'string' },
            time: { type: 'string', format: 'date-time' },
            version: { type: 'string' },
          },
        },
        [detailName]: detailSchema,
      },
    },
  };
}

async function clientTypes(openApi: Record<string, unknown>): Promise<string> {
  // Loaded only here: it brings the TypeScript compiler along.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const types = astToString(await openapiTS(openApi as unknown as Parameters<typeof openapiTS>[0]));
  return `// Generated from openapi.json by \`npm run contracts\` (openapi-typescript). Do not edit.\n\n${types}`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
