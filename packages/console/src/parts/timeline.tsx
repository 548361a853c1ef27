import type { AuditEntry } from '../api';
import { plain, statusLabel, when } from '../format';

const ACTION_LABELS: Partial<Record<AuditEntry['action'], string>> = {
  REQUESTED: 'asked',
  WAITING_FOR_DECISION: 'the approvers were asked',
  APPROVAL_RECORDED: 'approved',
  APPROVED: 'approved the request',
  DENIED: 'denied the request',
  PROVISIONING_STARTED: 'making the role',
  GRANTED: 'the role was made',
  REVOCATION_STARTED: 'ending the grant',
  REVOKED: 'the grant was revoked',
  EXPIRED: 'the grant expired',
  EXTENSION_REQUESTED: 'asked for more time',
  EXTENSION_APPROVAL_RECORDED: 'approved the extension',
  EXTENDED: 'the grant was extended',
};

/** The grant's story: every audit entry, when, by whom (by name) and the state it led to. */
export function Timeline({ entries }: { entries: AuditEntry[] }) {
  return (
    <ol class="timeline">
      {entries.map((entry) => (
        <li key={entry.seq}>
          <time dateTime={entry.at}>{when(entry.at)}</time>{' '}
          <strong>{plain(entry.displayName ?? entry.actor)}</strong>{' '}
          <span>{ACTION_LABELS[entry.action] ?? entry.action.toLowerCase().replace(/_/g, ' ')}</span>
          {entry.from !== entry.to && <span class="muted"> → {statusLabel(entry.to)}</span>}
          {entry.detail && Object.keys(entry.detail).length > 0 && (
            <span class="detail">
              {' '}
              {Object.entries(entry.detail)
                .map(([key, value]) => `${key}: ${plain(String(value))}`)
                .join(' · ')}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
