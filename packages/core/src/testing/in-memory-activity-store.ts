import type { ActivityRecord } from '../activity/activity-record';
import type { ActivityStore } from '../activity/activity-store';

export class InMemoryActivityStore implements ActivityStore {
  readonly entries = new Map<string, ActivityRecord>();

  async record(entry: ActivityRecord) {
    const key = `${entry.requestId}#${entry.eventId}`;
    if (this.entries.has(key)) return false;
    this.entries.set(key, structuredClone(entry));
    return true;
  }

  async list(requestId: string) {
    return [...this.entries.values()]
      .filter((entry) => entry.requestId === requestId)
      .sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId))
      .map((entry) => structuredClone(entry));
  }
}
