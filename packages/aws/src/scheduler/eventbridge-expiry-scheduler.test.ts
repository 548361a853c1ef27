import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { atExpression, EventBridgeExpiryScheduler } from './eventbridge-expiry-scheduler';

// Scheduler has no local endpoint: this pins the request shape the CreateSchedule API reference documents.
const scheduler = mockClient(SchedulerClient);
const target = {
  groupName: 'access-broker-prod',
  functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:access-broker-expire',
  roleArn: 'arn:aws:iam::123456789012:role/access-broker-scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:access-broker-expiry-dlq',
};
const adapter = new EventBridgeExpiryScheduler(new SchedulerClient({ region: 'eu-west-1' }), target);

const expected = {
  Name: 'expire-01jd5x',
  GroupName: 'access-broker-prod',
  ScheduleExpression: 'at(2026-11-23T14:00:01)',
  ScheduleExpressionTimezone: 'UTC',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  State: 'ENABLED',
  Description: 'Expire access-broker grant 01jd5x',
  Target: {
    Arn: target.functionArn,
    RoleArn: target.roleArn,
    Input: '{"requestId":"01jd5x"}',
    RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
    DeadLetterConfig: { Arn: target.deadLetterQueueArn },
  },
};

describe('EventBridgeExpiryScheduler (contract)', () => {
  beforeEach(() => scheduler.reset());

  it('creates a one-time UTC schedule at the expiry, rounded up to the second', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await adapter.scheduleExpiry('01jd5x', new Date('2026-11-23T14:00:00.250Z'));
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input).toEqual(expected);
  });

  it('moves an existing schedule (extend) with the same full request', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await adapter.scheduleExpiry('01jd5x', new Date('2026-11-23T14:00:00.250Z'));
    expect(scheduler.commandCalls(UpdateScheduleCommand)[0]!.args[0].input).toEqual(expected);
  });

  it('deletes the schedule on early revoke, and a missing one is already gone', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }))
      .resolves({});
    await adapter.cancelExpiry('01jd5x');
    await adapter.cancelExpiry('01jd5x');
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: 'expire-01jd5x', GroupName: 'access-broker-prod' },
      { Name: 'expire-01jd5x', GroupName: 'access-broker-prod' },
    ]);
  });

  it('surfaces any other Scheduler error', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new Error('AccessDenied'));
    await expect(adapter.scheduleExpiry('01jd5x', new Date())).rejects.toThrow('AccessDenied');
  });

  it('never schedules before the expiry', () => {
    expect(atExpression(new Date('2026-11-23T14:00:00.000Z'))).toBe('2026-11-23T14:00:00');
    expect(atExpression(new Date('2026-11-23T14:00:00.001Z'))).toBe('2026-11-23T14:00:01');
  });
});
