import { useState } from 'preact/hooks';
import type { ActivityRecord } from '../api';
import { count, plain, when } from '../format';

/** Every call of the grant's sessions, filtered by service, by text and to the denied ones. */
export function ActivityTable({ records }: { records: ActivityRecord[] }) {
  const [service, setService] = useState('');
  const [text, setText] = useState('');
  const [deniedOnly, setDeniedOnly] = useState(false);
  const services = [...new Set(records.map((record) => record.service))].sort();
  const needle = text.trim().toLowerCase();
  const shown = records.filter(
    (record) =>
      (!service || record.service === service) &&
      (!deniedOnly || !record.allowed) &&
      (!needle ||
        [record.action, record.sessionName, record.sourceIp, ...(record.resources ?? [])]
          .join(' ')
          .toLowerCase()
          .includes(needle)),
  );
  return (
    <div class="activity-table">
      <div class="filters" role="group" aria-label="Filter the calls">
        <label>
          Service{' '}
          <select value={service} onChange={(e) => setService(e.currentTarget.value)}>
            <option value="">all</option>
            {services.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Contains <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={deniedOnly}
            onChange={(e) => setDeniedOnly(e.currentTarget.checked)}
          />{' '}
          denied only
        </label>
      </div>
      <table>
        <caption>
          {shown.length} of {count(records.length, 'call')}
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Call</th>
            <th scope="col">Session</th>
            <th scope="col">Outcome</th>
            <th scope="col">Resources</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((record) => (
            <tr key={record.eventId} class={record.allowed ? '' : 'denied'}>
              <td>{when(record.at)}</td>
              <td>
                <code>
                  {record.service.replace('.amazonaws.com', '')}:{record.action}
                </code>
              </td>
              <td>{plain(record.sessionName)}</td>
              <td>{record.allowed ? 'allowed' : `denied (${record.errorCode ?? 'AccessDenied'})`}</td>
              <td>{plain((record.resources ?? []).join(', '))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
