import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api, WhoAmI } from './api';

/** Who is signed in and the API as them; every page reads it. */
export interface Session {
  api: Api;
  me: WhoAmI;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no one is signed in');
  return session;
}

/** What the API would let this person do, so the console offers only that (the API still decides). */
export const may = (me: WhoAmI, scope: WhoAmI['scopes'][number]) => me.scopes.includes(scope);
