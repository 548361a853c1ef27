import {
  awaitDecision,
  checkDecision,
  evaluateRequest,
  expireApproval,
  failProvisioning,
  provisionGrant,
  ValidationError,
  zodIssues,
  decisionOutput,
  workflowInput,
} from '@access-broker/core';
import * as z from 'zod';
import type { HandlerDeps } from '../wiring/handler-deps';
import { type LambdaHandler, lambdaHandler } from '../wiring/lambda-handler';
import type { WorkflowTask } from './approval-workflow';
import { updateApprovalMessage } from '../slack/update-approval-message';

// Versioned, so executions started by an older deployment keep working after an upgrade of the handlers.
const taskPayload = z.object({
  schemaVersion: z.literal(1),
  requestId: z.string().regex(/^[0-9a-z]{1,64}$/),
  taskToken: z.string().min(1).optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
type TaskPayload = z.infer<typeof taskPayload>;

export type TaskHandler = LambdaHandler<unknown, Record<string, unknown>>;

/** One middy handler per Task state of the workflow; each parses its payload and calls one use case. */
export function workflowTaskHandlers(deps: HandlerDeps): Record<WorkflowTask, TaskHandler> {
  const task = (run: (payload: TaskPayload) => Promise<Record<string, unknown>>): TaskHandler =>
    lambdaHandler(deps.logger, async (raw: unknown) => {
      const parsed = taskPayload.safeParse(raw);
      if (!parsed.success) throw new ValidationError(zodIssues(parsed.error, 'payload'));
      deps.logger.appendKeys({ requestId: parsed.data.requestId });
      return run(parsed.data);
    });
  return {
    // Auto-approval first: a request it approves resumes the workflow at once, with no human and no
    // separate step (a Task and a Choice fewer per grant).
    AwaitDecision: task(async ({ requestId, taskToken }) => {
      if (!taskToken) throw ValidationError.of('payload.taskToken', 'is required');
      const { record } = await evaluateRequest(deps, requestId);
      const { notifyError } = await awaitDecision(deps, { id: requestId, taskToken, record });
      if (notifyError)
        deps.logger.error('approvers were not notified; the request waits for API decisions', {
          reason: notifyError,
        });
      return {};
    }),
    // The wait step failed for good: the next input of the workflow, with the route the request needs now.
    CheckDecision: task(async ({ requestId }) => {
      const { route, record } = await checkDecision(deps, requestId);
      deps.logger.warn('the wait step failed; rerouted', { route, status: record.status });
      return { ...workflowInput(record, deps.config, deps.clock.now()), route };
    }),
    ExpireApproval: task(async ({ requestId }) => {
      const record = await expireApproval(deps, requestId);
      if (record.status === 'APPROVAL_EXPIRED')
        // The request is expired whatever Slack answers: a failed edit is logged, not retried into the record.
        await updateApprovalMessage(deps, record);
      // The workflow only asks: did a decision win the race against the timeout?
      return { status: decisionOutput(record).decision === 'approved' ? 'APPROVED' : record.status };
    }),
    Provision: task(async ({ requestId }) => {
      // The approval message follows the grant from here through the outbox (GRANTED and every later change).
      const record = await provisionGrant(deps, requestId);
      return { status: record.status };
    }),
    FailProvisioning: task(async ({ requestId, error, cause }) => {
      const record = await failProvisioning(deps, {
        id: requestId,
        error: [error, cause].filter(Boolean).join(': ') || 'unknown error',
      });
      return { status: record.status };
    }),
  };
}
