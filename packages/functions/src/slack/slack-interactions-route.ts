import {
  AlreadyDecidedError,
  NotAllowedError,
  recordDecision,
  RequestNotFoundError,
  ValidationError,
  pendingDecision,
} from '@access-broker/core';
import * as z from 'zod';
import { rawBody } from '../http/parse-request';
import { defineRoute } from '../http/route-spec';
import { verifySlackSignature } from './slack-signature';
import { updateApprovalMessage } from './update-approval-message';

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]{2,20}$/) }),
  actions: z
    .array(
      z.object({
        action_id: z.enum(['approve', 'deny']),
        // `<request id>:<decision round>`, exactly as the message carried it.
        value: z.string().regex(/^[0-9a-z]{1,64}:[0-9a-z-]{1,40}$/),
      }),
    )
    .length(1),
});

/**
 * POST /slack/interactions — an Approve/Deny click. The signature proves Slack sent it; the decision then
 * goes through the same checks as an API approval (approver group, channel, no self-approval), so a click
 * by anyone else changes nothing and they are told why, privately. Slack always gets a quick 200.
 * Each signed request is used once (a replay within Slack's window changes nothing), and a button decides only
 * the round it was shown for (a click on an old message cannot approve a later extension).
 */
export const slackInteractionsRoute = defineRoute({
  name: 'slackInteractions',
  method: 'POST',
  path: '/slack/interactions',
  scope: 'public',
  summary: "Slack's block_actions callback (Approve/Deny buttons); signed by Slack",
  description:
    'Authenticated by the X-Slack-Signature of the raw body (HMAC-SHA256 with the signing secret), not a token.',
  request: {
    headers: z.object({
      'X-Slack-Signature': z.string().max(256).optional(),
      'X-Slack-Request-Timestamp': z.string().max(32).optional(),
    }),
    body: z.object({ payload: z.string().max(64 * 1024) }).meta({ id: 'SlackInteraction' }),
    form: true,
  },
  responses: { 200: { description: 'Acknowledged (a refused click is answered privately in Slack)' } },
  problems: { 400: 'Not a block_actions payload', 401: 'Missing, stale or wrong signature' },
  async handle({ event, headers, body }, deps) {
    const now = deps.clock.now();
    const signature = headers['X-Slack-Signature'];
    verifySlackSignature({
      signingSecret: await deps.slack.signingSecret(),
      timestamp: headers['X-Slack-Request-Timestamp'],
      signature,
      rawBody: rawBody(event),
      now,
    });
    const payload = blockActionsSchema.safeParse(safeJson(body.payload));
    if (!payload.success)
      throw ValidationError.of('payload', 'is not a block_actions payload with one approve/deny action');
    const { user, actions } = payload.data;
    const [action] = actions as [{ action_id: 'approve' | 'deny'; value: string }];
    const [id, round] = action.value.split(':') as [string, string];
    // Past Slack's five-minute window the signature is refused anyway: remembering it longer is not needed.
    if (
      !(await deps.store.claimOnce(`slack-signature:${signature}`, new Date(now.getTime() + 10 * 60_000)))
    ) {
      deps.logger.warn('replayed Slack request refused', { requestId: id });
      await deps.notifier.tellUser(user.id, await deps.store.get(id), 'That click was already handled.');
      return { status: 200 };
    }
    try {
      const record = await recordDecision(deps, {
        id,
        approver: { id: user.id, channel: 'slack' },
        decision: action.action_id,
        round,
      });
      if (!pendingDecision(record)) await updateApprovalMessage(deps, record);
      else
        await deps.notifier.tellUser(
          user.id,
          record,
          `Your approval of ${record.id} is recorded; it needs more approvers.`,
        );
    } catch (error) {
      if (!(
        error instanceof NotAllowedError ||
        error instanceof AlreadyDecidedError ||
        error instanceof RequestNotFoundError
      ))
        throw error;
      deps.logger.info('slack decision refused', { code: error.code, requestId: id });
      await deps.notifier.tellUser(user.id, await deps.store.get(id), error.message);
    }
    return { status: 200 };
  },
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
