import { Validator } from '@seriousme/openapi-schema-validator';
import { createRequest, eventFromAudit, recordDecision } from '@access-broker/core';
import { auditRequestBody, testBroker } from '@access-broker/core/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { contractFiles } from './contract-files';

const files = await contractFiles();
const registry = Object.entries(files).filter(([path]) => path.startsWith('docs/events/registry/'));

/**
 * The event schemas as EventBridge's Schema Registry takes them (OpenAPI 3.0; it refuses JSON Schema 2020-12):
 * each is a valid OpenAPI 3.0 document in the registry's layout, and the events the broker emits match it.
 */
describe('event schemas for the Schema Registry', () => {
  it('publishes one per detail-type, beside the JSON Schemas', () => {
    const schemas = Object.keys(files).filter((path) => /^docs\/events\/[^/]+\.schema\.json$/.test(path));
    expect(registry).toHaveLength(schemas.length);
  });

  it.each(registry)('%s is a valid OpenAPI 3.0 document with an AWSEvent envelope', async (_path, text) => {
    const document = JSON.parse(text);
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.0.0');
    expect(document.components.schemas.AWSEvent['x-amazon-events-source']).toBe('access-broker');
  });

  it('matches the events a grant emits, as EventBridge delivers them', async () => {
    const broker = testBroker();
    const { record } = await createRequest(broker, { body: auditRequestBody(), actor: 'jira' });
    const approved = await recordDecision(broker, {
      id: record.id,
      approver: { id: 'bob', channel: 'api' },
      decision: 'approve',
    });
    const events = (await broker.store.auditTrail(record.id)).flatMap(
      (entry) => eventFromAudit(entry, approved) ?? [],
    );
    expect(events.length).toBeGreaterThan(1);
    const validator = new Ajv({ strict: false });
    addFormats(validator);
    for (const event of events) {
      const name = event.detailType.toLowerCase().replace(/ /g, '-');
      const { components } = JSON.parse(files[`docs/events/registry/${name}.openapi.json`]!);
      const validate = validator.compile({ ...components.schemas.AWSEvent, components });
      const delivered = {
        version: '0',
        id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        'detail-type': event.detailType,
        source: event.source,
        account: '123456789012',
        time: event.time,
        region: 'eu-west-1',
        resources: [],
        detail: event.detail,
      };
      expect(validate(delivered), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
