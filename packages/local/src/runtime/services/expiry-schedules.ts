import { join } from 'node:path';
import { schedulerRoleStatements } from '@access-broker/functions';
import { LocalScheduler, serviceRole } from '@access-broker/local-aws';
import type { LocalStage } from './local-stage';

/**
 * EventBridge Scheduler with the stack's schedule group and role: at its time a schedule invokes its target
 * as that role, which must be allowed `lambda:InvokeFunction` on it. Schedules persist in the home.
 */
export function startExpirySchedules(stage: LocalStage) {
  const { resources, authority } = stage;
  const accountId = resources.accountId;
  const schedulerRole = serviceRole(stage.aws.state, {
    accountId,
    roleName: resources.schedulerRoleArn.split('/').pop()!,
    service: 'scheduler.amazonaws.com',
    statements: schedulerRoleStatements(resources),
  });
  const scheduler = new LocalScheduler(authority, {
    groupName: resources.scheduleGroupName,
    file: join(stage.options.home, 'schedules.json'),
    fire: async (target) => {
      if (target.RoleArn !== schedulerRole.role.arn)
        throw new Error(`unknown scheduler role ${target.RoleArn}`);
      const caller = { arn: schedulerRole.session.arn, accountId, session: schedulerRole.session };
      await authority.authorize(caller, { action: 'lambda:InvokeFunction', resource: target.Arn });
      return stage.lambda.invoke(target.Arn, JSON.parse(target.Input ?? '{}'));
    },
    onError: (schedule, error) =>
      stage.print(`[scheduler] ${schedule} failed (dead-lettered): ${String(error)}`),
  });
  stage.started.push(() => scheduler.stop());
  return scheduler;
}
