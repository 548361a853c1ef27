import type { RequestView, Status } from './api';

const STATUS_LABELS: Record<Status, string> = {
  PENDING_APPROVAL: 'Waiting for approval',
  APPROVED: 'Approved',
  PROVISIONING: 'Making the role',
  ACTIVE: 'Active',
  REVOKING: 'Ending',
  REVOKED: 'Ended',
  DENIED: 'Denied',
  APPROVAL_EXPIRED: 'Approval timed out',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
  REVOKE_FAILED: 'Ending failed (retrying)',
};

export const statusLabel = (status: Status) => STATUS_LABELS[status] ?? status;
export const STATUSES = Object.keys(STATUS_LABELS) as Status[];

// The browser's own locale, unless the machine's is one Intl refuses (C locales give `en-US@posix`).
function dateTimeFormat() {
  const style = { dateStyle: 'medium', timeStyle: 'medium' } as const;
  try {
    return new Intl.DateTimeFormat(undefined, style);
  } catch {
    return new Intl.DateTimeFormat('en', style);
  }
}
const dateTime = dateTimeFormat();
export const when = (iso: string | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

/** `3 h 2 min`, `4 min 10 s`, `12 s`: a span of time as people read it. */
export function span(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const [d, h, m, s] = [
    Math.floor(seconds / 86_400),
    Math.floor(seconds / 3600) % 24,
    Math.floor(seconds / 60) % 60,
    seconds % 60,
  ];
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, !d && !h && `${s} s`].filter(Boolean);
  return parts.slice(0, 2).join(' ') || '0 s';
}

/** A person or client as the request names them, by display name where the API gave one. */
export const nameIn = (request: Pick<RequestView, 'displayNames'>, key: string | undefined) =>
  key ? plain(request.displayNames?.[key] ?? key) : '—';

/** Who asked: the person the broker took the requester for, by name. */
export const requesterName = (request: RequestView) => nameIn(request, request.requester.id);

/**
 * Text from outside (a justification, a ticket, a name) with its bidirectional controls shown, not obeyed:
 * an override (U+202E) would otherwise turn `txt.exe` into `exe.txt` on screen. Preact renders it as text.
 */
export const plain = (text: string) =>
  text.replace(
    /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g,
    (control) => `[U+${control.codePointAt(0)!.toString(16).toUpperCase()}]`,
  );

/** `1 request`, `3 requests`: a count with its noun (English plurals by `s`, which is all the console needs). */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
