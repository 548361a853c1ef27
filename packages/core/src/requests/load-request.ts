import { RequestNotFoundError } from '../errors';
import type { GrantRecord } from './request-record';
import type { GrantStore } from './grant-store';

export async function loadRequest(store: GrantStore, id: string): Promise<GrantRecord> {
  const record = await store.get(id);
  if (!record) throw new RequestNotFoundError(id);
  return record;
}
