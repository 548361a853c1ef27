import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { ExpiryScheduler } from '@access-broker/core';

export interface ExpiryScheduleTarget {
  groupName: string;
  /** The expire function; Scheduler invokes it with `{ "requestId": ... }`. */
  functionArn: string;
  /** The execution role Scheduler assumes; it may invoke only the expire function. */
  roleArn: string;
  deadLetterQueueArn: string;
}

/**
 * One-time EventBridge Scheduler schedules, one per grant: `at()` in UTC, no flexible window, deleted by
 * Scheduler after it fires, retried for a day, and dead-lettered if every retry fails (the sweeper still
 * catches the grant). Scheduling an existing one moves it (extend); cancelling a missing one is a no-op.
 */
export class EventBridgeExpiryScheduler implements ExpiryScheduler {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly target: ExpiryScheduleTarget,
  ) {}

  async scheduleExpiry(requestId: string, at: Date): Promise<void> {
    const input = this.scheduleInput(requestId, at);
    try {
      await this.scheduler.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.scheduler.send(new UpdateScheduleCommand(input));
    }
  }

  async cancelExpiry(requestId: string): Promise<void> {
    try {
      await this.scheduler.send(
        new DeleteScheduleCommand({ Name: scheduleName(requestId), GroupName: this.target.groupName }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }

  private scheduleInput(requestId: string, at: Date): CreateScheduleCommandInput {
    return {
      Name: scheduleName(requestId),
      GroupName: this.target.groupName,
      ScheduleExpression: `at(${atExpression(at)})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Description: `Expire access-broker grant ${requestId}`,
      Target: {
        Arn: this.target.functionArn,
        RoleArn: this.target.roleArn,
        Input: JSON.stringify({ requestId }),
        // Scheduler's maximums: a day of retries, then the dead-letter queue.
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: this.target.deadLetterQueueArn },
      },
    };
  }
}

/** Schedule names: 1–64 characters of [0-9a-zA-Z-_.]. */
export function scheduleName(requestId: string): string {
  return `expire-${requestId}`.replace(/[^0-9a-zA-Z-_.]/g, '-').slice(0, 64);
}

/** `yyyy-mm-ddThh:mm:ss`, rounded up to the second so a schedule never fires before the expiry. */
export function atExpression(at: Date): string {
  return new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().slice(0, 19);
}
