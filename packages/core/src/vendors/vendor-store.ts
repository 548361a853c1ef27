import type { Vendor } from './vendor';

/** One change of a vendor's registration, written with it: who did what, when (the vendor's audit trail). */
export interface VendorChange {
  vendorId: string;
  /** The vendor version this change produced: unique and ordered per vendor. */
  seq: number;
  at: string;
  action: 'REGISTERED' | 'UPDATED' | 'SUSPENDED' | 'SUSPENSION_SETTLED' | 'RESUMED';
  actor: string;
  comment?: string;
}

/**
 * The vendor registry. `put` is conditional: it creates only when `expectedVersion` is 0, else updates that
 * version; the change is recorded atomically with it.
 */
export interface VendorStore {
  get(id: string): Promise<Vendor | undefined>;
  list(): Promise<Vendor[]>;
  /** Throws VendorConflictError when the stored version is not `expectedVersion`. */
  put(vendor: Vendor, expectedVersion: number, change: VendorChange): Promise<void>;
  /** The vendor's changes, oldest first. */
  history(id: string): Promise<VendorChange[]>;
}
