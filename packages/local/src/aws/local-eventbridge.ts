import type { AwsAuthority } from './aws-authority';
import { AwsJsonError, type JsonBody } from './json-protocol';
import type { LocalService, ServiceCall } from './local-service';

export interface DeliveredEvent {
  id: string;
  source: string;
  detailType: string;
  time: string;
  detail: Record<string, unknown>;
}

/**
 * EventBridge's PutEvents onto the broker's custom bus, authorized against the caller's policies. Accepted
 * events go to `deliver` (locally: the events file and the console, where AWS would route them to rules).
 */
export class LocalEventBridge implements LocalService {
  readonly contentType = 'application/x-amz-json-1.1';

  constructor(
    private readonly authority: AwsAuthority,
    private readonly busName: string,
    private readonly deliver: (event: DeliveredEvent) => void,
  ) {}

  get busArn() {
    return this.authority.arn('events', `event-bus/${this.busName}`);
  }

  async handle({ operation, body, caller }: ServiceCall) {
    if (operation !== 'PutEvents') throw new AwsJsonError(400, 'UnknownOperationException', operation);
    const entries = (body.Entries ?? []) as JsonBody[];
    if (entries.length < 1 || entries.length > 10)
      throw new AwsJsonError(400, 'ValidationException', 'Entries must hold 1 to 10 events');
    const results = [];
    for (const entry of entries) {
      const bus = entry.EventBusName ?? 'default';
      const arn = bus.startsWith('arn:') ? bus : this.authority.arn('events', `event-bus/${bus}`);
      await this.authority.authorize(caller, { action: 'events:PutEvents', resource: arn });
      if (arn !== this.busArn) {
        results.push({
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${bus} does not exist.`,
        });
        continue;
      }
      const id = crypto.randomUUID();
      const detail = JSON.parse(String(entry.Detail ?? '{}')) as Record<string, unknown>;
      const time = entry.Time ? new Date(Number(entry.Time) * 1000).toISOString() : new Date().toISOString();
      this.deliver({
        id: String(detail.eventId ?? id),
        source: entry.Source,
        detailType: entry.DetailType,
        time,
        detail,
      });
      results.push({ EventId: id });
    }
    return {
      body: { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results },
    };
  }
}
