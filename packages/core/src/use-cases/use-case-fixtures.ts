import { type TestBroker, auditRequestBody } from '../testing';
import { createRequest } from './create-request';
import { provisionGrant } from './provision-grant';
import { recordDecision } from './record-decision';

/** Drives a request to ACTIVE the way the workflow does, for tests about what happens after. */
export async function activeGrant(broker: TestBroker, overrides: Record<string, unknown> = {}) {
  const { record } = await createRequest(broker, { body: auditRequestBody(overrides), clientId: 'jira' });
  await recordDecision(broker, {
    id: record.id,
    approver: { id: 'alice', channel: 'api' },
    decision: 'approve',
  });
  return provisionGrant(broker, record.id);
}
