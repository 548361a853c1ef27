/**
 * The local identity provider's directory: who can sign in and their groups. approver, approver2, admin and
 * dave are also people of config/local.json (linked by `oidcSubjects`, so their tokens, API clients and Slack
 * ids are one person each); erin exists only here, in the approvers' group, and approves without any config
 * change; oscar is in no group the broker knows.
 */
export const LOCAL_DIRECTORY = {
  approver: { name: 'Ada Approver', groups: ['broker-approvers'] },
  approver2: { name: 'Bo Second-Approver', groups: ['broker-approvers'] },
  admin: { name: 'Ari Admin', groups: ['broker-admins', 'broker-approvers', 'broker-requesters'] },
  dave: { name: 'Dave Requester', groups: ['broker-requesters'] },
  erin: { name: 'Erin (in the identity provider only)', groups: ['broker-approvers', 'broker-requesters'] },
  oscar: { name: 'Oscar Outsider', groups: ['marketing'] },
} as const satisfies Record<string, { name: string; groups: readonly string[] }>;

export type LocalUser = keyof typeof LOCAL_DIRECTORY;

export const localEmail = (user: string) => `${user}@broker.local`;
