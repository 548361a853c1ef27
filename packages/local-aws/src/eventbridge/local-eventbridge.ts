import type { AwsAuthority } from '../iam/aws-authority';
import { AwsJsonError, type JsonBody } from '../protocol/json-protocol';
import type { LocalService, ServiceCall } from '../protocol/local-service';

export interface DeliveredEvent {
  id: string;
  source: string;
  detailType: string;
  time: string;
  /** The account the event came from (EventBridge's envelope `account`). */
  account: string;
  detail: Record<string, unknown>;
}

/**
 * EventBridge's PutEvents onto the broker's custom bus and the account's default bus, authorized against the
 * caller's policies. Like AWS, it refuses every `aws.` source (only AWS services emit those, so nobody can
 * forge CloudTrail's events) and stamps each event with the caller's account. Accepted events go to the
 * bus's `deliver`, where AWS would route them to rules.
 */
export class LocalEventBridge implements LocalService {
  readonly contentType = 'application/x-amz-json-1.1';

  constructor(
    private readonly authority: AwsAuthority,
    private readonly buses: Record<string, (event: DeliveredEvent) => void>,
  ) {}

  async handle({ operation, body, caller }: ServiceCall) {
    if (operation !== 'PutEvents') throw new AwsJsonError(400, 'UnknownOperationException', operation);
    const entries = (body.Entries ?? []) as JsonBody[];
    if (entries.length < 1 || entries.length > 10)
      throw new AwsJsonError(400, 'ValidationException', 'Entries must hold 1 to 10 events');
    const results = [];
    for (const entry of entries) {
      const busName = String(entry.EventBusName ?? 'default');
      const arn = busName.startsWith('arn:') ? busName : this.authority.arn('events', `event-bus/${busName}`);
      await this.authority.authorize(caller, { action: 'events:PutEvents', resource: arn });
      results.push(this.put(arn, entry, caller.accountId));
    }
    return {
      body: { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results },
    };
  }

  private put(arn: string, entry: JsonBody, account: string) {
    const name = Object.keys(this.buses).find(
      (bus) => this.authority.arn('events', `event-bus/${bus}`) === arn,
    );
    if (!name)
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${arn} does not exist.` };
    const source = String(entry.Source ?? '');
    if (!source || !entry.DetailType)
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source and DetailType are required.' };
    if (source.startsWith('aws.'))
      return {
        ErrorCode: 'NotAuthorizedForSourceException',
        ErrorMessage: 'Not authorized for the source.',
      };
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(String(entry.Detail ?? '{}')) as Record<string, unknown>;
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const id = crypto.randomUUID();
    const time = entry.Time ? new Date(Number(entry.Time) * 1000).toISOString() : new Date().toISOString();
    this.buses[name]!({
      id: name === 'default' ? id : String(detail.eventId ?? id),
      source,
      detailType: String(entry.DetailType),
      time,
      account,
      detail,
    });
    return { EventId: id };
  }
}
