import type { ActivityRecord } from '../activity/activity-record';
import type { ActivityStore } from '../ports/activity-store';

export class InMemoryActivityStore implements ActivityStore {
  readonly entries = new Map<string, ActivityRecord>();

  async record(entry: ActivityRecord) {
    this.entries.set(`${entry.requestId}#${entry.eventId}`, structuredClone(entry));
  }

  async list(requestId: string) {
    return [...this.entries.values()]
      .filter((entry) => entry.requestId === requestId)
      .sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId))
      .map((entry) => structuredClone(entry));
  }
}
