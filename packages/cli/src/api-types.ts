/** The parts of the API's JSON the CLI reads (the OpenAPI document has the full shapes). */
export interface RequestView {
  id: string;
  status: string;
  principal?: { arn: string };
  profile?: string;
  parameters?: Record<string, string>;
  duration?: string;
  requester?: { id: string };
  ticket?: { system: string; key: string };
  decision?: { outcome: string; by: string };
  expiresAt?: string;
  revocation?: { reason: string; by: string };
  extension?: { duration: string };
  grant?: {
    roleArn: string;
    externalId: string;
    expiresAt: string;
    usableFrom?: string;
    awsCliProfile: string;
  };
}

export interface RequestSummary {
  id: string;
  status: string;
  profile: string;
  principal: string;
}

export interface AuditEntryView {
  at: string;
  action: string;
  actor: string;
  detail?: { reason?: string };
}
