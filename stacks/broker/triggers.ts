import { Duration } from 'aws-cdk-lib';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { BrokerConfig } from '@access-broker/core';
import {
  busEventsPattern,
  declarationOf,
  type FunctionName,
  gatewayVerifiesJwt,
  routeNamed,
} from '@access-broker/functions';
import { Api, Cron, type Function, type Stack, type Table } from 'sst/constructs';
import { GrantActivity, patternRule } from '../grant-activity';
import { ApprovalStateMachine } from './approval-state-machine';
import { type CreateFunction, triggered } from './broker-functions';
import type { ExpirySchedules } from './expiry-schedules';

// One construct per kind of trigger a function can declare (function-catalog.ts `Trigger`).

/** `workflowTask`: the approval state machine, with each task's function substituted into the ASL. */
export function workflowTasks(stack: Stack, stateMachineName: string, create: CreateFunction) {
  const taskFunctions = Object.fromEntries(
    triggered('workflowTask').map(({ name, trigger }) => [trigger.task, create(name)]),
  );
  return new ApprovalStateMachine(stack, 'ApprovalWorkflow', { taskFunctions, stateMachineName });
}

const JWT_AUTHORIZER = 'identityProvider';

/** `http`: the HTTP API, each route served by its function; the JWT authorizer on the routes it guards. */
export function httpRoutes(stack: Stack, config: BrokerConfig, create: CreateFunction) {
  const routes = Object.fromEntries(
    triggered('http').map(({ name, trigger }) => {
      const route = routeNamed(trigger.route);
      if (!route) throw new Error(`${name} is declared for an HTTP route that does not exist`);
      const authorizer = gatewayVerifiesJwt(route, config) ? JWT_AUTHORIZER : 'none';
      return [`${route.method} ${route.path}`, { function: create(name), authorizer }];
    }),
  );
  return new Api(stack, 'Api', {
    // API Gateway fetches the issuer's discovery document itself (deploy-safety refuses a non-https issuer).
    authorizers: config.oidc
      ? {
          [JWT_AUTHORIZER]: {
            type: 'jwt',
            jwt: { issuer: config.oidc.issuer, audience: [config.oidc.audience] },
          },
        }
      : {},
    defaults: { throttle: { rate: 50, burst: 100 } },
    accessLog: { retention: 'one_month' },
    routes,
  });
}

/** `expirySchedule`: the function each grant's one-time schedule invokes, under the name schedules target. */
export function expiryTargets(create: CreateFunction, schedules: ExpirySchedules, functionName: string) {
  for (const { name } of triggered('expirySchedule')) schedules.allowInvoke(create(name, { functionName }));
}

/** `timer`: a rate rule per function (the sweeper, the reconciler). */
export function timers(stack: Stack, create: CreateFunction) {
  const functions = new Map<FunctionName, Function>();
  for (const { name, trigger } of triggered('timer')) {
    const fn = create(name);
    const schedule = trigger.schedule as `rate(${string})` | `cron(${string})`;
    new Cron(stack, `${declarationOf(name).id}Timer`, { schedule, job: fn });
    functions.set(name, fn);
  }
  return functions;
}

/** `tableStream`: the table's stream, in batches, bisected on error, dead-lettered after ten retries. */
export function tableStreamConsumers(table: Table, create: CreateFunction, deadLetterQueue: Queue) {
  return triggered('tableStream').map(({ name }) => {
    const fn = create(name);
    fn.addEventSource(
      new DynamoEventSource(table.cdk.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(deadLetterQueue),
      }),
    );
    return fn;
  });
}

/**
 * `busEvents`: a rule on the broker's bus per function (the vendor hand-off). EventBridge retries a failed
 * delivery with backoff for six hours, then the event lands in the dead-letter queue, which pages.
 */
export function busRules(stack: Stack, bus: IEventBus, create: CreateFunction, deadLetterQueue: Queue) {
  for (const { name, trigger } of triggered('busEvents'))
    patternRule(stack, `${declarationOf(name).id}Rule`, busEventsPattern(trigger), {
      eventBus: bus,
    }).addTarget(
      new LambdaFunction(create(name), {
        retryAttempts: 185,
        maxEventAge: Duration.hours(6),
        deadLetterQueue,
      }),
    );
}

/** `cloudTrail`: grant sessions' API calls, from this account's and every spoke's default bus. */
export function cloudTrailRules(
  stack: Stack,
  config: BrokerConfig,
  create: CreateFunction,
  deadLetterQueue: Queue,
) {
  for (const { name } of triggered('cloudTrail'))
    new GrantActivity(stack, 'GrantActivity', {
      fn: create(name),
      deadLetterQueue,
      partition: config.broker.partition,
      stage: stack.stage,
      spokeAccounts: Object.keys(config.targetAccounts),
      ...(config.broker.organizationId ? { organizationId: config.broker.organizationId } : {}),
    });
}
