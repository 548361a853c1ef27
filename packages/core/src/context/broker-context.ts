import type { BrokerConfig } from '../config/config-schema';
import type { IamActionCatalog } from '../policy/iam-action-catalog';
import type { ApprovalNotifier } from '../approval/approval-notifier';
import type { Clock } from './clock';
import type { ExpiryScheduler } from '../grants/expiry-scheduler';
import type { ActivityStore } from '../activity/activity-store';
import type { VendorStore } from '../vendors/vendor-store';
import type { GrantStore } from '../requests/grant-store';
import type { IdGenerator } from './id-generator';
import type { StrengthEstimator } from '../requests/external-id';
import type { RoleProvisioner } from '../grants/role-provisioner';
import type { Workflow } from '../approval/workflow';

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
