import { useEffect, useState } from 'preact/hooks';
import { ok, type RequestSummary, type Status } from '../api';
import { ErrorNote } from '../parts/error-note';
import { STATUSES, statusLabel, when } from '../format';
import { requestHref } from '../route';
import { useSession } from '../session';

/** The fields the list narrows by on the page, after the API's own status filter. */
const TEXT_FILTERS = [
  {
    key: 'vendor',
    label: 'Third party',
    of: (item: RequestSummary) => `${item.vendor ?? ''} ${item.principal}`,
  },
  { key: 'requester', label: 'Requester', of: (item: RequestSummary) => item.requester },
  { key: 'account', label: 'Account', of: (item: RequestSummary) => item.targetAccountId },
] as const;

/**
 * Requests, newest first: the status filter is the API's (`?status=`), pages follow its opaque cursor; the
 * third party, requester and account filters narrow what has been loaded. Filters live in the address, so a
 * filtered list can be shared.
 */
export function RequestsPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const status = (query.get('status') ?? '') as Status | '';
  const [pages, setPages] = useState<{ status: string; items: RequestSummary[]; cursor?: string }>();
  const [error, setError] = useState<Error>();
  const load = async (cursor?: string) => {
    setError(undefined);
    try {
      const page = await ok(
        api.GET('/v1/requests', {
          params: { query: { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}), limit: 25 } },
        }),
      );
      setPages((previous) => ({
        status,
        items: [...(cursor && previous ? previous.items : []), ...page.items],
        ...(page.cursor ? { cursor: page.cursor } : {}),
      }));
    } catch (failure) {
      setError(failure as Error);
    }
  };
  useEffect(() => void load(), [status]);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(key, value);
    else next.delete(key);
    location.hash = `#/requests?${next.toString()}`;
  };
  const shown = (pages?.status === status ? pages.items : []).filter((item) =>
    TEXT_FILTERS.every(({ key, of }) =>
      of(item)
        .toLowerCase()
        .includes((query.get(key) ?? '').toLowerCase()),
    ),
  );
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Requests</h1>
      <div class="filters" role="group" aria-label="Filter the requests">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setFilter('status', e.currentTarget.value)}>
            <option value="">any</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabel(value)}
              </option>
            ))}
          </select>
        </label>
        {TEXT_FILTERS.map(({ key, label }) => (
          <label key={key}>
            {label}{' '}
            <input
              type="search"
              value={query.get(key) ?? ''}
              onChange={(e) => setFilter(key, e.currentTarget.value)}
            />
          </label>
        ))}
      </div>
      <ErrorNote error={error} />
      <RequestTable items={shown} />
      {pages?.cursor && (
        <button type="button" onClick={() => load(pages.cursor)}>
          Load more
        </button>
      )}
    </section>
  );
}

function RequestTable({ items }: { items: RequestSummary[] }) {
  return (
    <table class="requests">
      <caption>{items.length} requests shown</caption>
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Status</th>
          <th scope="col">Third party</th>
          <th scope="col">Account</th>
          <th scope="col">Profile</th>
          <th scope="col">Requester</th>
          <th scope="col">Asked</th>
          <th scope="col">Ends</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <a href={requestHref(item.id)}>{item.id}</a>
            </td>
            <td>{statusLabel(item.status)}</td>
            <td>
              <code>{item.principal}</code>
            </td>
            <td>{item.targetAccountId}</td>
            <td>{item.profile}</td>
            <td>{item.requester}</td>
            <td>{when(item.createdAt)}</td>
            <td>{when(item.expiresAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
