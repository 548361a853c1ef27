import type { Vendor } from './vendor';

/** The vendor registry. `put` is conditional: it creates only when `expectedVersion` is 0, else updates that version. */
export interface VendorStore {
  get(id: string): Promise<Vendor | undefined>;
  list(): Promise<Vendor[]>;
  /** Throws VendorConflictError when the stored version is not `expectedVersion`. */
  put(vendor: Vendor, expectedVersion: number): Promise<void>;
}
