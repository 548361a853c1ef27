import type { ActivityRecord } from './api';

/**
 * Calls over time, one line per service, in buckets sized to the span (about 60 of them); the denied calls
 * as red points on their own series, so a refusal stands out from the allowed traffic.
 */
export function activityBuckets(records: ActivityRecord[]) {
  const times = records.map((record) => Date.parse(record.at) / 1000);
  const start = Math.floor(Math.min(...times));
  const bucket = Math.max(1, Math.ceil((Math.max(...times) - start + 1) / 60));
  const count = Math.floor((Math.max(...times) - start) / bucket) + 1;
  const services = [...new Set(records.map((record) => record.service))].sort();
  const series = services.map(() => new Array<number>(count).fill(0));
  const denied = new Array<number | null>(count).fill(null);
  records.forEach((record, index) => {
    const slot = Math.floor((times[index]! - start) / bucket);
    series[services.indexOf(record.service)]![slot]! += 1;
    if (!record.allowed) denied[slot] = (denied[slot] ?? 0) + 1;
  });
  const xs = Array.from({ length: count }, (_, slot) => start + slot * bucket);
  return { services, xs, counts: series, denied, bucket };
}
