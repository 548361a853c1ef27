import { SecretValue } from 'aws-cdk-lib';
import {
  ApiDestination,
  Authorization,
  Connection,
  HttpMethod,
  type IEventBus,
  Rule,
  RuleTargetInput,
  EventField,
} from 'aws-cdk-lib/aws-events';
import { ApiDestination as ApiDestinationTarget } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { BrokerConfig } from '@access-broker/core';
import { Construct } from 'constructs';

/**
 * Forwards the chosen broker events to a ticketing webhook through an EventBridge API destination, with
 * retries and a dead-letter queue. Deployed only when the config has a `ticketing` section.
 */
export class TicketingForwarder extends Construct {
  readonly deadLetterQueue: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { bus: IEventBus; ticketing: NonNullable<BrokerConfig['ticketing']> },
  ) {
    super(scope, id);
    const { endpoint, apiKeyHeader, apiKeySecretArn, detailTypes } = props.ticketing;
    const connection = new Connection(this, 'Connection', {
      authorization: Authorization.apiKey(apiKeyHeader, SecretValue.secretsManager(apiKeySecretArn)),
      description: 'access-broker → ticketing webhook',
    });
    const destination = new ApiDestination(this, 'Destination', {
      connection,
      endpoint,
      httpMethod: HttpMethod.POST,
      rateLimitPerSecond: 10,
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    new Rule(this, 'Rule', {
      eventBus: props.bus,
      eventPattern: { source: ['access-broker'], detailType: detailTypes },
      targets: [
        new ApiDestinationTarget(destination, {
          event: RuleTargetInput.fromObject({
            detailType: EventField.detailType,
            detail: EventField.fromPath('$.detail'),
          }),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 185,
        }),
      ],
    });
  }
}
