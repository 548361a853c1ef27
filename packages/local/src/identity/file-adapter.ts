import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; absent for entries that do not expire. */
  expiresAt?: number;
}

class AdapterFile {
  readonly entries: Map<string, Entry>;

  constructor(private readonly file: string) {
    this.entries = new Map(
      existsSync(file) ? (Object.entries(JSON.parse(readFileSync(file, 'utf8'))) as [string, Entry][]) : [],
    );
  }

  /** Writes what has not expired. */
  save() {
    const now = Date.now();
    for (const [key, entry] of this.entries)
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.entries)), { mode: 0o600 });
  }

  live(key: string) {
    const entry = this.entries.get(key);
    return entry && (entry.expiresAt === undefined || entry.expiresAt > Date.now())
      ? entry.payload
      : undefined;
  }
}

/**
 * oidc-provider's storage as one JSON file in the broker's home (mode 600): sessions, grants and refresh
 * tokens survive a restart of `npm start`, so a `broker login` keeps working, as it would against a real IdP.
 * A handful of people sign in locally; scanning every entry is cheaper than keeping indexes right.
 */
export function fileAdapter(file: string): new (model: string) => Adapter {
  const store = new AdapterFile(file);
  const { entries } = store;
  const save = () => store.save();
  const live = (key: string) => store.live(key);

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
