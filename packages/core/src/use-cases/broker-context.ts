import type { BrokerConfig } from '../config/config-schema';
import type { IamActionCatalog } from '../policy/iam-action-catalog';
import type { ApprovalNotifier } from '../ports/approval-notifier';
import type { Clock } from '../ports/clock';
import type { ExpiryScheduler } from '../ports/expiry-scheduler';
import type { ActivityStore } from '../ports/activity-store';
import type { VendorStore } from '../ports/vendor-store';
import type { GrantStore } from '../ports/grant-store';
import type { IdGenerator } from '../ports/id-generator';
import type { StrengthEstimator } from '../request/external-id';
import type { RoleProvisioner } from '../ports/role-provisioner';
import type { Workflow } from '../ports/workflow';

/** Everything a use case may need. Each use case names the subset it uses, so tests wire only that. */
export interface BrokerContext {
  config: BrokerConfig;
  store: GrantStore;
  vendors: VendorStore;
  activity: ActivityStore;
  provisioner: RoleProvisioner;
  scheduler: ExpiryScheduler;
  notifier: ApprovalNotifier;
  workflow: Workflow;
  catalog: IamActionCatalog;
  clock: Clock;
  ids: IdGenerator;
  /** How hard a supplied External ID is to guess (only filing and vendor registration ask). */
  strength: StrengthEstimator;
}
