import { RequestNotFoundError } from '../errors';
import type { GrantRecord } from '../grant/grant-record';
import type { GrantStore } from '../ports/grant-store';

export async function loadRequest(store: GrantStore, id: string): Promise<GrantRecord> {
  const record = await store.get(id);
  if (!record) throw new RequestNotFoundError(id);
  return record;
}
