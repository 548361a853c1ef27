import type { GrantRecord } from './request-record';

/** What a list of requests may be narrowed to, besides its status (which the store's index answers). */
export interface RequestFilter {
  /** A registered vendor, by id. */
  vendor?: string;
  /** The requester as the request named them, or the person the broker took them for (any case). */
  requester?: string;
  /** A twelve-digit account the grant reaches (any of an organization-wide grant's). */
  account?: string;
}

/** Whether a record is one the filter asks for: every given field must match exactly. */
export function matchesFilter(record: GrantRecord, filter: RequestFilter): boolean {
  const requester = filter.requester?.toLowerCase();
  return (
    (filter.vendor === undefined || record.vendor?.id === filter.vendor) &&
    (requester === undefined ||
      record.requester.id.toLowerCase() === requester ||
      record.requester.person?.toLowerCase() === requester) &&
    (filter.account === undefined ||
      (record.targetAccountIds ?? [record.targetAccountId]).includes(filter.account))
  );
}
