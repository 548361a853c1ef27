import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  reload(): void;
}

/**
 * Loads what a page shows, again whenever `keys` change or `reload()` is called; with `everyMs`, again on
 * that interval too (a grant moving on to ACTIVE shows without a click). An answer for stale keys is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[], everyMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data }),
      (error: Error) => current && setState((previous) => ({ ...previous, error })),
    );
    const timer = everyMs ? setTimeout(reload, everyMs) : undefined;
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [...keys, round, everyMs]);
  return { ...state, reload };
}
