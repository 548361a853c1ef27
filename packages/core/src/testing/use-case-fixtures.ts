import { type TestBroker, auditRequestBody } from '.';
import { createRequest } from '../requests/create-request';
import { provisionGrant } from '../grants/provision/provision-grant';
import { recordDecision } from '../approval/record-decision';

/** A request filed by a ticketing system and approved by one approver: what the Provision step receives. */
export async function approvedRequest(broker: TestBroker, overrides: Record<string, unknown> = {}) {
  const { record } = await createRequest(broker, { body: auditRequestBody(overrides), actor: 'jira' });
  return recordDecision(broker, {
    id: record.id,
    approver: { id: 'alice', channel: 'api' },
    decision: 'approve',
  });
}

/** Drives a request to ACTIVE the way the workflow does, for tests about what happens after. */
export async function activeGrant(broker: TestBroker, overrides: Record<string, unknown> = {}) {
  return provisionGrant(broker, (await approvedRequest(broker, overrides)).id);
}
