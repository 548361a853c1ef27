import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Operators are paged (SNS topic `Alerts`, subscribe to it) when a revocation fails, and when anything lands
 * in a dead-letter queue: a failed expiry schedule or an event the outbox could not publish.
 */
export class BrokerAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { bus: IEventBus; deadLetterQueues: Queue[] }) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'access-broker alerts topic',
    });
    this.topic = new Topic(this, 'Alerts', { masterKey: key, enforceSSL: true });
    const revocationFailed = new Rule(this, 'RevocationFailed', {
      eventBus: props.bus,
      eventPattern: { source: ['access-broker'], detailType: ['Revocation Failed'] },
      targets: [new SnsTopic(this.topic)],
    });
    key.grantEncryptDecrypt(new ServicePrincipal('events.amazonaws.com'));
    const page = new SnsAction(this.topic);
    new Alarm(this, 'RevocationFailedAlarm', {
      alarmDescription:
        'A grant could not be torn down (REVOKE_FAILED); the sweeper keeps retrying until the role is gone.',
      metric: new Metric({
        namespace: 'AWS/Events',
        metricName: 'TriggeredRules',
        dimensionsMap: { RuleName: revocationFailed.ruleName },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(page);
    props.deadLetterQueues.forEach((queue, i) => {
      new Alarm(this, `DeadLetters${i}`, {
        alarmDescription: `Messages in ${queue.node.id}: an expiry or an event was not delivered.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(page);
    });
  }
}
