import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Operators are paged (SNS topic `Alerts`, subscribe to it) on every failure that would otherwise be silent:
 * a revocation that failed; anything in a dead-letter queue (an expiry, an event, a hand-off, activity); a
 * workflow execution that failed or timed out (the sweeper re-drives the request, but something is wrong); a
 * table stream falling behind (events, Slack and hand-offs late); the sweeper or the reconciler failing, or
 * not having succeeded for three of their intervals (the owner of every overdue record is down).
 */
interface BrokerAlarmsProps {
  bus: IEventBus;
  deadLetterQueues: Queue[];
  stateMachineArn: string;
  outbox: LambdaFunction;
  sweeper: LambdaFunction;
  reconciler: LambdaFunction;
}

export class BrokerAlarms extends Construct {
  readonly topic: Topic;
  private readonly page: SnsAction;

  constructor(scope: Construct, id: string, props: BrokerAlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'access-broker alerts topic',
    });
    this.topic = new Topic(this, 'Alerts', { masterKey: key, enforceSSL: true });
    key.grantEncryptDecrypt(new ServicePrincipal('events.amazonaws.com'));
    this.page = new SnsAction(this.topic);
    this.revocationFailures(props.bus);
    props.deadLetterQueues.forEach((queue, i) =>
      this.atLeastOnce(
        `DeadLetters${i}`,
        `Messages in ${queue.node.id}: an expiry or an event was not delivered.`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES }),
      ),
    );
    this.workflowFailures(props.stateMachineArn);
    this.atLeastOnce(
      'OutboxBehind',
      'The table stream is more than 5 minutes behind: events, Slack updates and hand-offs are late.',
      props.outbox.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES }),
      5 * 60_000,
    );
    this.timerFailures('Sweeper', props.sweeper, FIVE_MINUTES);
    this.timerFailures('Reconciler', props.reconciler, Duration.hours(1));
  }

  private atLeastOnce(alarmId: string, description: string, metric: IMetric, threshold = 1) {
    new Alarm(this, alarmId, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.page);
  }

  /** Revocation Failed events go to the topic as they happen, and alarm while they keep coming. */
  private revocationFailures(bus: IEventBus) {
    const revocationFailed = new Rule(this, 'RevocationFailed', {
      eventBus: bus,
      eventPattern: { source: ['access-broker'], detailType: ['Revocation Failed'] },
      targets: [new SnsTopic(this.topic)],
    });
    this.atLeastOnce(
      'RevocationFailedAlarm',
      'A grant could not be torn down (REVOKE_FAILED); the sweeper keeps retrying until the role is gone.',
      new Metric({
        namespace: 'AWS/Events',
        metricName: 'TriggeredRules',
        dimensionsMap: { RuleName: revocationFailed.ruleName },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      }),
    );
  }

  private workflowFailures(stateMachineArn: string) {
    for (const [metricName, what] of [
      ['ExecutionsFailed', 'failed'],
      ['ExecutionsTimedOut', 'timed out'],
    ] as const)
      this.atLeastOnce(
        `Workflow${metricName}`,
        `An approval workflow execution ${what}; the sweeper re-drives its request by its deadline, but a step keeps failing.`,
        new Metric({
          namespace: 'AWS/States',
          metricName,
          dimensionsMap: { StateMachineArn: stateMachineArn },
          statistic: 'Sum',
          period: FIVE_MINUTES,
        }),
      );
  }

  /** A timer's function failing, or not succeeding for three of its intervals (the owner is gone). */
  private timerFailures(name: string, fn: LambdaFunction, interval: Duration) {
    this.atLeastOnce(
      `${name}Errors`,
      `The ${name.toLowerCase()} failed.`,
      fn.metricErrors({ period: interval }),
    );
    // Succeeded runs = invocations − errors.
    new Alarm(this, `${name}Silent`, {
      alarmDescription: `The ${name.toLowerCase()} has not succeeded for three of its intervals.`,
      metric: new MathExpression({
        expression: 'invocations - errors',
        usingMetrics: {
          invocations: fn.metricInvocations({ statistic: 'Sum' }),
          errors: fn.metricErrors({ statistic: 'Sum' }),
        },
        period: Duration.minutes(interval.toMinutes() * 3),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    }).addAlarmAction(this.page);
  }
}
