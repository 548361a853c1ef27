import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; absent for entries that do not expire. */
  expiresAt?: number;
}

/**
 * oidc-provider's storage as one JSON file in the broker's home (mode 600): sessions, grants and refresh
 * tokens survive a restart of `npm start`, so a `broker login` keeps working, as it would against a real IdP.
 * A handful of people sign in locally; scanning every entry is cheaper than keeping indexes right.
 */
export function fileAdapter(file: string): new (model: string) => Adapter {
  const entries = new Map<string, Entry>(
    existsSync(file) ? (Object.entries(JSON.parse(readFileSync(file, 'utf8'))) as [string, Entry][]) : [],
  );
  const save = () => {
    const now = Date.now();
    for (const [key, entry] of entries)
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) entries.delete(key);
    writeFileSync(file, JSON.stringify(Object.fromEntries(entries)), { mode: 0o600 });
  };
  const live = (key: string) => {
    const entry = entries.get(key);
    return entry && (entry.expiresAt === undefined || entry.expiresAt > Date.now())
      ? entry.payload
      : undefined;
  };

  return class FileAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      entries.set(this.key(id), {
        payload,
        ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
      });
      save();
    }

    async find(id: string) {
      return live(this.key(id));
    }

    async findByUserCode(userCode: string) {
      return this.findWhere((payload) => payload.userCode === userCode);
    }

    async findByUid(uid: string) {
      return this.findWhere((payload) => payload.uid === uid);
    }

    async consume(id: string) {
      const entry = entries.get(this.key(id));
      if (!entry) return;
      entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
      save();
    }

    async destroy(id: string) {
      entries.delete(this.key(id));
      save();
    }

    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
      save();
    }

    private findWhere(match: (payload: AdapterPayload) => boolean) {
      for (const key of entries.keys())
        if (key.startsWith(`${this.model}:`)) {
          const payload = live(key);
          if (payload && match(payload)) return payload;
        }
      return undefined;
    }
  };
}
