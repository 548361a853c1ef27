import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { routeNamed } from '@access-broker/functions';
import createClient from 'openapi-fetch';
import { beforeEach, describe, expect, it } from 'vitest';
import type { paths } from '@access-broker/api-types';
import { auditRequest, type BrokerUnderTest, brokerForFile, statusOf } from './support/broker-under-test';

const current = brokerForFile();
let broker: BrokerUnderTest;
beforeEach(() => void (broker = current()));

/** A client generated from openapi.json, as any integrator would build one. */
const clientAs = (token: string) =>
  createClient<paths>({
    baseUrl: broker.description.apiUrl,
    headers: { authorization: `Bearer ${token}` },
  });

/** The body must be exactly what the route's response schema declares (strict: no undocumented field). */
function conforms(route: string, status: number, body: unknown) {
  const schema = routeNamed(route)?.responses[status]?.schema;
  if (!schema) throw new Error(`${route} declares no ${status} body`);
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
}

describe('the HTTP contract, through a client generated from openapi.json', () => {
  it('create → get → list → audit → approve → grant → revoke: every answer matches its declared schema', async () => {
    const tokens = broker.description.tokens;
    const requester = clientAs(tokens.requester);
    const approver = clientAs(tokens.approver);
    const request = auditRequest({
      duration: 'PT5M',
    }) as paths['/v1/requests']['post']['requestBody']['content']['application/json'];

    const created = await requester.POST('/v1/requests', {
      body: request,
      params: { header: { 'Idempotency-Key': 'contract-1' } },
    });
    expect(created.response.status).toBe(202);
    conforms('createRequest', 202, created.data);
    const id = created.data!.id;
    expect(created.response.headers.get('location')).toBe(`/v1/requests/${id}`);
    const replayed = await requester.POST('/v1/requests', {
      body: request,
      params: { header: { 'Idempotency-Key': 'contract-1' } },
    });
    expect(replayed.response.status).toBe(200);
    expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');
    conforms('createRequest', 200, replayed.data);
    const reused = await requester.POST('/v1/requests', {
      body: { ...request, justification: 'something else' },
      params: { header: { 'Idempotency-Key': 'contract-1' } },
    });
    expect(reused.response.status).toBe(409);
    expect(reused.error).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });

    const fetched = await requester.GET('/v1/requests/{id}', { params: { path: { id } } });
    conforms('getRequest', 200, fetched.data);
    expect(fetched.data?.status).toBe('PENDING_APPROVAL');
    const listed = await requester.GET('/v1/requests', { params: { query: { limit: 5 } } });
    conforms('listRequests', 200, listed.data);
    expect(listed.data?.items.map((item) => item.id)).toContain(id);
    const trail = await requester.GET('/v1/requests/{id}/audit', { params: { path: { id } } });
    conforms('auditTrail', 200, trail.data);

    const decided = await approver.POST('/v1/requests/{id}/decision', {
      params: { path: { id } },
      body: { decision: 'approve', comment: 'scoped to one bucket' },
    });
    conforms('decide', 200, decided.data);
    await statusOf(broker, id, 'ACTIVE');
    const active = await requester.GET('/v1/requests/{id}', { params: { path: { id } } });
    conforms('getRequest', 200, active.data);
    expect(active.data?.grant?.externalId).toEqual(expect.any(String));

    const revoked = await approver.POST('/v1/requests/{id}/revoke', {
      params: { path: { id } },
      body: { reason: 'audit finished early' },
    });
    conforms('revoke', 202, revoked.data);
    const ended = await requester.GET('/v1/requests/{id}/audit', { params: { path: { id } } });
    expect(ended.data?.items).toContainEqual(
      expect.objectContaining({
        action: 'APPROVED',
        detail: { comment: 'scoped to one bucket' },
      }),
    );
    expect(ended.data?.items).toContainEqual(
      expect.objectContaining({
        action: 'REVOCATION_STARTED',
        detail: { reason: 'revoked', comment: 'audit finished early' },
      }),
    );
  });

  it('serves the committed openapi.json', async () => {
    const { body } = await broker.api('GET', '/v1/openapi.json');
    const committed = readFileSync(resolve(import.meta.dirname, '../../openapi.json'), 'utf8');
    expect(body).toEqual(JSON.parse(committed));
  });

  it('challenges a missing or unknown token (RFC 6750), however short, without hinting at the format', async () => {
    const missing = await broker.api('GET', '/v1/requests');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="access-broker"');
    const short = await broker.api('GET', '/v1/requests', { token: 'oops' });
    expect(short.status).toBe(401);
    expect(short.body.detail).toBe('unknown token');
    expect(short.headers.get('www-authenticate')).toBe('Bearer realm="access-broker", error="invalid_token"');
  });

  it('answers a method a path does not have with 405 and Allow', async () => {
    const response = await broker.api('DELETE', '/v1/requests', {
      token: broker.description.tokens.admin,
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET');
  });

  it('names every bad field of a request at once, and changes nothing', async () => {
    const { status, body } = await broker.api('GET', '/v1/requests?limit=0&status=NOPE', {
      token: broker.description.tokens.admin,
    });
    expect(status).toBe(400);
    expect(body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['limit', 'status']);
    const badId = await broker.api('POST', '/v1/requests/NOT-AN-ID/revoke', {
      token: broker.description.tokens.admin,
      body: {},
    });
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((error: { field: string }) => error.field)).toEqual(['id', 'reason']);
  });
});
