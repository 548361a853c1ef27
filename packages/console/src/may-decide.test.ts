import { describe, expect, it } from 'vitest';
import type { RequestView, WhoAmI } from './api';
import { mayDecide } from './may-decide';

const approver: WhoAmI = {
  actor: 'oidc:approver',
  kind: 'person',
  person: 'approver',
  scopes: ['requests:read', 'requests:approve'],
  approverGroups: ['local-approvers'],
};

const pending = (overrides: Partial<RequestView> = {}) =>
  ({
    id: 'r1',
    status: 'PENDING_APPROVAL',
    requester: { id: 'dave', person: 'dave' },
    approvals: [],
    pendingDecision: {
      approverGroup: 'local-approvers',
      approvalsRequired: 2,
      decideBy: '2026-12-06T11:00:00Z',
      forExtension: false,
    },
    ...overrides,
  }) as RequestView;

describe('mayDecide: what the console offers (the API checks it all again)', () => {
  it('offers the decision to an approver of the group', () => {
    expect(mayDecide(approver, pending())).toBe(true);
  });

  it('offers nothing when nothing is asked, or to someone outside the group or without the scope', () => {
    expect(mayDecide(approver, pending({ pendingDecision: undefined }))).toBe(false);
    expect(mayDecide({ ...approver, approverGroups: ['other'] }, pending())).toBe(false);
    expect(mayDecide({ ...approver, scopes: ['requests:read'] }, pending())).toBe(false);
  });

  it('offers nothing to the requester, or to one who approved already', () => {
    expect(
      mayDecide(approver, pending({ requester: { id: 'approver@broker.local', person: 'approver' } })),
    ).toBe(false);
    const approved = [{ by: 'U0LOCALAPPROVER', person: 'approver', channel: 'slack' as const, at: '' }];
    expect(mayDecide(approver, pending({ approvals: approved }))).toBe(false);
  });

  it("reads an extension's own approvals", () => {
    const extension = pending({
      status: 'ACTIVE',
      approvals: [{ by: 'approver', person: 'approver', channel: 'api', at: '' }],
      pendingDecision: { ...pending().pendingDecision!, forExtension: true },
      extension: {
        duration: 'PT1H',
        durationSeconds: 3600,
        justification: 'more',
        requestedBy: 'dave',
        requestedAt: '',
        approvals: [],
        approved: false,
      },
    });
    expect(mayDecide(approver, extension)).toBe(true);
  });
});
