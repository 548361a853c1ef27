import { describe, expect, it } from 'vitest';
import type { GrantRecord } from '@access-broker/core';
import { approvalRequestBlocks, outcomeBlocks, requestMessage } from './approval-message';

function record(overrides: Partial<GrantRecord> = {}): GrantRecord {
  return {
    id: '01abc',
    status: 'PENDING_APPROVAL',
    version: 1,
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    createdBy: 'jira',
    approvals: [],
    principal: { arn: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor', accountId: '111122223333' },
    targetAccountId: '123456789012',
    profile: 's3-audit-read',
    parameters: { bucket: 'awsproduction345' },
    durationSeconds: 7200,
    justification: 'SOC 2',
    requester: { id: 'dave' },
    externalId: 'x'.repeat(43),
    ...overrides,
  } as GrantRecord;
}

const texts = (blocks: Record<string, unknown>[]) => JSON.stringify(blocks);
const fields = (blocks: Record<string, any>[]) =>
  blocks.flatMap((block) => block.fields ?? []) as { text: string }[];

describe('approval messages', () => {
  it('escapes every user-supplied field: no mentions, no forged links, no fake lines', () => {
    const hostile = record({
      requester: { id: '<!channel> *Approved by security*' },
      ticket: {
        system: 'jira',
        key: 'SEC-1> :white_check_mark: approved|x',
        url: 'https://evil.example/x>|<!here>',
      },
      parameters: { bucket: '<!everyone>' },
      principal: { arn: 'arn:aws:iam::111122223333:role/<@U0BOSS>/x', accountId: '111122223333' } as never,
      justification: 'ok\n*Approved by security* <https://evil.example|the ticket>',
      vendor: { id: 'acme', displayName: 'Acme <!subteam^S0SEC> <https://evil.example|Audit>' },
    });
    const { text, blocks } = approvalRequestBlocks(hostile);
    const rendered = texts(blocks) + text;
    expect(rendered).not.toMatch(/<!channel>|<!everyone>|<!here>|<@U0BOSS>|<https:\/\/evil|<!subteam/);
    expect(fields(blocks).find((field) => field.text.startsWith('*Third party*'))!.text).toMatch(
      /^\*Third party\*\nAcme &lt;!subteam/,
    );
    expect(rendered).toContain('&lt;!channel&gt;');
    // A URL that could break out of its link is shown as plain, escaped text.
    expect(fields(blocks).find((field) => field.text.startsWith('*Ticket*'))!.text).toBe(
      '*Ticket*\njira:SEC-1&gt; :white_check_mark: approved|x',
    );
  });

  it("keeps every field within Slack's 2,000 characters, and a long ticket URL as a plain label", () => {
    const long = record({
      ticket: { system: 'jira', key: 'SEC-9', url: `https://jira.example.com/${'a'.repeat(2048)}` },
      justification: '<'.repeat(3000),
    });
    const { blocks } = approvalRequestBlocks(long);
    for (const field of fields(blocks)) expect(field.text.length).toBeLessThanOrEqual(2000);
    const justification = fields(blocks).find((field) => field.text.startsWith('*Justification*'))!.text;
    expect(justification.endsWith('…')).toBe(true);
    // Cut between escapes, never inside one.
    expect(justification).toMatch(/^\*Justification\*\n(&lt;)+…$/);
    expect(fields(blocks).find((field) => field.text.startsWith('*Ticket*'))!.text).toBe(
      '*Ticket*\njira:SEC-9',
    );
    const short = record({
      ticket: { system: 'jira', key: 'SEC-9', url: 'https://jira.example.com/browse/SEC-9' },
    });
    expect(texts(approvalRequestBlocks(short).blocks)).toContain(
      '<https://jira.example.com/browse/SEC-9|jira:SEC-9>',
    );
  });

  it('binds its buttons to the decision round they are shown for', () => {
    const request = approvalRequestBlocks(record());
    expect(texts(request.blocks)).toContain('"value":"01abc:request"');
    const extension = approvalRequestBlocks(
      record({
        status: 'ACTIVE',
        expiresAt: '2026-11-24T12:00:00.000Z',
        extension: {
          durationSeconds: 3600,
          justification: 'more',
          requestedBy: 'jira',
          requestedAt: '2026-11-24T11:00:00.000Z',
          approvals: [],
          approved: false,
        },
      }),
    );
    expect(texts(extension.blocks)).toMatch(/"value":"01abc:extension-[0-9a-z]+"/);
  });

  it('escapes who decided in the outcome', () => {
    const decided = record({
      status: 'DENIED',
      decision: { outcome: 'denied', by: 'slack:<!channel>', at: '2026-11-24T10:01:00.000Z' },
    });
    expect(texts(outcomeBlocks(decided).blocks)).not.toContain('<!channel>');
  });

  it("follows the grant: who revoked it and why (escaped), when in the reader's time zone, and its use", () => {
    const revoked = record({
      status: 'REVOKED',
      updatedAt: '2026-11-24T11:00:00.000Z',
      revocation: {
        reason: 'revoked',
        by: 'api:<!channel>',
        comment: '<!here> done *early*',
        startedAt: '2026-11-24T11:00:00.000Z',
        attempts: 1,
      },
    });
    const { text, blocks } = outcomeBlocks(revoked, { calls: 12, denied: 1, services: ['s3', 'sts'] });
    const shown = texts(blocks);
    expect(shown).not.toMatch(/<!channel>|<!here>/);
    expect(shown).toContain('Revoked by api:&lt;!channel&gt;: &lt;!here&gt; done');
    expect(shown).toContain('<!date^1795518000^{date_short_pretty} at {time}|2026-11-24T11:00:00.000Z>');
    expect(shown).toContain('Used: 12 AWS calls, 1 denied (s3, sts)');
    expect(text).toContain('2026-11-24T11:00:00.000Z');
    expect(text).not.toContain('<!date');
  });

  it('says who extended a grant and by how much, and every actor by their name', () => {
    const names: Record<string, string> = {
      'api:approver': 'Ada Approver',
      'api:approver2': 'Bob <Second>',
      'slack:U0ADA': 'Ada Approver',
    };
    const nameOf = (actor: string) => names[actor] ?? actor;
    const base = {
      status: 'ACTIVE' as const,
      durationSeconds: 7200,
      activatedAt: '2026-11-24T10:00:00.000Z',
      decision: { outcome: 'approved' as const, by: 'api:approver', at: '2026-11-24T09:59:00.000Z' },
    };
    const once = texts(
      requestMessage(record({ ...base, expiresAt: '2026-11-24T12:00:00.000Z' }), nameOf).blocks,
    );
    expect(once).toMatch(/Active until <!date[^>]*> \(approved by Ada Approver\)/);
    expect(once).toContain('*Duration*\\n2 hours"');
    const extended = texts(
      requestMessage(
        record({
          ...base,
          expiresAt: '2026-11-24T12:05:00.000Z',
          lastExtension: {
            durationSeconds: 300,
            at: '2026-11-24T11:00:00.000Z',
            approvals: [{ by: 'approver2', channel: 'api', at: '2026-11-24T11:00:00.000Z' }],
          },
        }),
        nameOf,
      ).blocks,
    );
    expect(extended).toMatch(
      /extended 5 minutes <!date[^>]*>, approved by Bob &lt;Second&gt;; approved by Ada/,
    );
    expect(extended).toContain('2 hours (2 hours 5 minutes with extensions)');
    expect(extended).not.toContain('api:approver');
  });

  it('asks while a decision is pending, with who approved so far, and shows the outcome after', () => {
    const nameOf = (actor: string) => (actor === 'slack:U0ADA' ? 'Ada' : actor);
    const asking = requestMessage(
      record({ approvals: [{ by: 'U0ADA', channel: 'slack', at: '2026-11-24T10:01:00.000Z' }] }),
      nameOf,
    );
    expect(texts(asking.blocks)).toContain('So far approved by Ada');
    expect(texts(asking.blocks)).toContain('"action_id":"approve"');
    const denied = requestMessage(
      record({
        status: 'DENIED',
        decision: { outcome: 'denied', by: 'slack:U0ADA', at: '2026-11-24T10:02:00.000Z' },
      }),
      nameOf,
    );
    expect(texts(denied.blocks)).not.toContain('action_id');
    expect(texts(denied.blocks)).toContain('Denied by Ada');
  });

  it('names a requester without a Slack id by the person the broker took them for, escaped', () => {
    const nameOf = (actor: string) => (actor === 'dave' ? 'Dave <Requester>' : actor);
    const { blocks } = requestMessage(
      record({ requester: { id: 'DAVE@corp.example', person: 'dave' } }),
      nameOf,
    );
    expect(fields(blocks).find((field) => field.text.startsWith('*Requested by*'))!.text).toBe(
      '*Requested by*\nDave &lt;Requester&gt;',
    );
  });
});
