import { VendorConflictError } from '../errors';
import type { VendorChange, VendorStore } from '../vendors/vendor-store';
import type { Vendor } from '../vendors/vendor';

/** The VendorStore contract in memory, for use-case tests. */
export class InMemoryVendorStore implements VendorStore {
  readonly vendors = new Map<string, Vendor>();
  private readonly changes: VendorChange[] = [];

  async get(id: string) {
    const vendor = this.vendors.get(id);
    return vendor ? structuredClone(vendor) : undefined;
  }

  async list() {
    return [...this.vendors.values()]
      .map((vendor) => structuredClone(vendor))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async put(vendor: Vendor, expectedVersion: number, change: VendorChange) {
    if ((this.vendors.get(vendor.id)?.version ?? 0) !== expectedVersion)
      throw new VendorConflictError(vendor.id);
    this.vendors.set(vendor.id, structuredClone(vendor));
    this.changes.push(structuredClone(change));
  }

  async history(id: string) {
    return this.changes.filter((change) => change.vendorId === id).map((change) => structuredClone(change));
  }
}
