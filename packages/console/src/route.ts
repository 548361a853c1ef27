import { useEffect, useState } from 'preact/hooks';

/**
 * Where the console is: `#/requests/<id>`, `#/requests?status=ACTIVE`, `#/new`, `#/vendors`, `#/outside-access`,
 * `#/` (waiting).
 */
export interface Route {
  page: 'waiting' | 'requests' | 'request' | 'new' | 'vendors' | 'outside';
  id?: string;
  query: URLSearchParams;
}

function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'requests' && parts[1]) return { page: 'request', id: parts[1], query };
  if (parts[0] === 'requests') return { page: 'requests', query };
  if (parts[0] === 'new') return { page: 'new', query };
  if (parts[0] === 'vendors') return { page: 'vendors', query };
  if (parts[0] === 'outside-access') return { page: 'outside', query };
  return { page: 'waiting', query };
}

export const requestHref = (id: string) => `#/requests/${encodeURIComponent(id)}`;

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return parseRoute(hash);
}
