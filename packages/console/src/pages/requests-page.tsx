import { useEffect, useRef, useState } from 'preact/hooks';
import { ok, type RequestSummary, type Status } from '../api';
import { ErrorNote } from '../parts/error-note';
import { count, STATUSES, statusLabel, when } from '../format';
import { requestHref } from '../route';
import { useSession } from '../session';

/** The filters the API applies (`GET /v1/requests?…`), by the query key both use. */
const FILTERS = [
  { key: 'vendor', label: 'Vendor (id)' },
  { key: 'requester', label: 'Requester' },
  { key: 'account', label: 'Account' },
] as const;

/** How many pages one click may read to fill a screen (the API's pages come back short when filtered). */
const PAGES_PER_LOAD = 10;
const SCREEN = 25;

/**
 * Requests, newest first, narrowed by the API itself (status, vendor, requester, account) and paged with its
 * opaque cursor. Filters live in the address, so a filtered list can be shared.
 */
export function RequestsPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const filters = Object.fromEntries(
    ['status', ...FILTERS.map(({ key }) => key)].flatMap((key) => {
      const value = query.get(key)?.trim();
      return value ? [[key, value]] : [];
    }),
  ) as { status?: Status; vendor?: string; requester?: string; account?: string };
  const key = JSON.stringify(filters);
  const [list, setList] = useState<{ key: string; items: RequestSummary[]; cursor?: string }>();
  const [error, setError] = useState<Error>();
  // Filters change faster than answers come: only the answer for the filters shown now is kept.
  const shown = useRef(key);
  shown.current = key;
  const load = async (from?: { items: RequestSummary[]; cursor?: string }) => {
    setError(undefined);
    let items = from?.items ?? [];
    let cursor = from?.cursor;
    try {
      for (let page = 0; page < PAGES_PER_LOAD; page++) {
        const answer = await ok(
          api.GET('/v1/requests', {
            params: { query: { ...filters, ...(cursor ? { cursor } : {}), limit: SCREEN } },
          }),
        );
        items = [...items, ...answer.items];
        cursor = answer.cursor;
        if (!cursor || items.length - (from?.items.length ?? 0) >= SCREEN) break;
      }
      if (shown.current === key) setList({ key, items, ...(cursor ? { cursor } : {}) });
    } catch (failure) {
      if (shown.current === key) setError(failure as Error);
    }
  };
  useEffect(() => void load(), [key]);
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value.trim()) next.set(name, value.trim());
    else next.delete(name);
    location.hash = `#/requests?${next.toString()}`;
  };
  const current = list?.key === key ? list : undefined;
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Requests</h1>
      <div class="filters" role="group" aria-label="Filter the requests">
        <label>
          Status{' '}
          <select value={filters.status ?? ''} onChange={(e) => setFilter('status', e.currentTarget.value)}>
            <option value="">any</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabel(value)}
              </option>
            ))}
          </select>
        </label>
        {FILTERS.map((filter) => (
          <label key={filter.key}>
            {filter.label}{' '}
            {/* Uncontrolled while typed in (an answer arriving must not reset it); new from the address. */}
            <input
              key={query.get(filter.key) ?? ''}
              type="search"
              defaultValue={query.get(filter.key) ?? ''}
              onChange={(e) => setFilter(filter.key, e.currentTarget.value)}
            />
          </label>
        ))}
      </div>
      <ErrorNote error={error} />
      <RequestTable items={current?.items ?? (error ? [] : undefined)} />
      {current?.cursor && (
        <button type="button" onClick={() => load(current)}>
          Load more
        </button>
      )}
    </section>
  );
}

function RequestTable({ items }: { items: RequestSummary[] | undefined }) {
  return (
    <table class="requests">
      <caption>{items ? `${count(items.length, 'request')} shown` : 'Loading…'}</caption>
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
        {items?.map((item) => (
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
