import * as z from 'zod';
import { parseDurationSeconds } from '../requests/duration';
import { PARTITIONS } from '../requests/principal';
import { statementSchema } from '../policy/policy-document';
import { MANAGED_POLICIES_PER_ROLE } from '../policy/size-limits';
import { outboundUrlIssue } from '../egress/outbound-url';
import { oidcSchema } from './oidc-config';
import { SCOPES } from './scopes';

const isoDuration = z
  .string()
  .refine(
    (value) => typeof parseDurationSeconds(value) === 'number',
    'must be an ISO-8601 duration such as PT2H',
  );
const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');

export const APPROVAL_CHANNELS = ['slack', 'api'] as const;
export type ApprovalChannel = (typeof APPROVAL_CHANNELS)[number];

const approvalRuleSchema = z
  .object({
    approverGroup: z.string(),
    approvalsRequired: z.number().int().min(1).max(10).default(1),
    /** A Slack click proves only a Slack identity: sensitive profiles can require `api`. */
    channels: z.array(z.enum(APPROVAL_CHANNELS)).min(1).default(['slack', 'api']),
    maxDuration: isoDuration.optional(),
    /** Requests up to this duration are approved without a human (low-risk profiles only). */
    autoApproveUpTo: isoDuration.optional(),
    requireTicket: z.boolean().default(false),
  })
  .strict();

const parameterSchema = z
  .object({
    description: z.string(),
    /** Anchored regular expression every value must match; it is what keeps `*` out of resources. */
    pattern: z.string().refine(isRegExp, 'must be a valid regular expression'),
  })
  .strict();

const profileSchema = z
  .object({
    description: z.string().min(1),
    parameters: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), parameterSchema).default({}),
    statements: z.array(statementSchema).default([]),
    /** Code-execution, defence-evasion or permissions-management actions this profile may grant, by name. */
    sensitiveActions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/)).default([]),
    managedPolicyArns: z
      .array(
        z
          .string()
          .regex(
            /^arn:(aws|aws-cn|aws-us-gov):iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/,
            'must be a managed policy ARN',
          ),
      )
      .max(MANAGED_POLICIES_PER_ROLE)
      .default([]),
    approval: approvalRuleSchema,
  })
  .strict()
  .refine((profile) => profile.statements.length + profile.managedPolicyArns.length > 0, {
    message: 'needs statements or managedPolicyArns',
  });

export const brokerConfigSchema = z
  .object({
    broker: z
      .object({
        homeAccountId: accountId,
        partition: z.enum(PARTITIONS).default('aws'),
        region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
        permissionsBoundaryName: z
          .string()
          .regex(/^[\w+=,.@-]{1,128}$/)
          .default('access-broker-boundary'),
        /** The AWS Organization whose accounts (a StackSets OU) may forward their grant sessions' activity. */
        organizationId: z
          .string()
          .regex(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations id such as o-a1b2c3d4e5')
          .optional(),
      })
      .strict(),
    limits: z
      .object({
        minDuration: isoDuration,
        maxDuration: isoDuration,
        /** The role's MaxSessionDuration; IAM accepts 1 to 12 hours. */
        maxSessionDuration: isoDuration.default('PT1H'),
        approvalTimeout: isoDuration.default('PT24H'),
        /** IAM is eventually consistent: a new role is reported usable this long after creation. */
        iamPropagationDelay: isoDuration.default('PT10S'),
        maxStartDelay: isoDuration.default('P30D'),
        /** First wait before a failed teardown is retried; doubles per attempt up to 15 minutes. */
        teardownRetryBackoff: isoDuration.default('PT15S'),
        /** A teardown still running after this long is presumed dead (crashed process) and taken over. */
        teardownStallAfter: isoDuration.default('PT2M'),
        /**
         * A request that has not moved on this long after its step should have (approved but not provisioning,
         * pending with no workflow waiting, past its approval timeout) is re-driven by the sweeper.
         */
        workflowStallAfter: isoDuration.default('PT2M'),
        /** Roles younger than this are never reconciled away (their grant may still be being written). */
        orphanGracePeriod: isoDuration.default('PT5M'),
        /**
         * Admission: a grant is refused, before any role is created, when its target account already uses this
         * share of its IAM role quota, so the broker never takes the last roles the account's own teams need.
         */
        maxRoleQuotaUse: z.number().gt(0).max(1).default(0.9),
        /**
         * Before a grant expires, the vendor's webhook and the requester (in Slack) are told this long ahead, by
         * the sweeper (so within its interval). Absent: no reminder.
         */
        reminderBeforeExpiry: isoDuration.optional(),
      })
      .strict(),
    guardrails: z
      .object({ deniedServices: z.array(z.string()).default(['iam', 'sts', 'organizations', 'account']) })
      .strict()
      .default({ deniedServices: ['iam', 'sts', 'organizations', 'account'] }),
    /**
     * The people who file and decide, each with every identity they use: their emails, their own API clients,
     * Slack user ids, and OIDC subjects. Approvals count people, not identities, and nobody decides their own request.
     */
    people: z
      .record(
        name,
        z
          .object({
            displayName: z.string().trim().min(1).max(100),
            /** Their email addresses (any case): a request naming one is theirs, and so is a token verifying one. */
            emails: z.array(z.email({ error: 'must be an email address' }).max(254)).default([]),
            apiClients: z.array(z.string().min(1)).default([]),
            slackUserIds: z.array(slackUserId).default([]),
            oidcSubjects: z.array(z.string().min(1)).default([]),
          })
          .strict(),
      )
      .default({}),
    /**
     * Approver groups list people (keys of `people`) and/or identity-provider groups: anyone whose signed-in
     * token carries one of `idpGroups` approves for the group, so adding an approver needs no redeploy.
     */
    approverGroups: z.record(
      name,
      z
        .object({
          people: z.array(name).default([]),
          idpGroups: z.array(z.string().min(1)).default([]),
        })
        .strict()
        .refine((group) => group.people.length + group.idpGroups.length > 0, {
          message: 'needs people or idpGroups',
        }),
    ),
    profiles: z.record(name, profileSchema),
    /**
     * Custom policy documents are refused unless this is present. They may hold actions at IAM's Read and List
     * access levels, and the ones named in `allowedActions` (each still under every guardrail).
     */
    customPolicies: z
      .object({
        approval: approvalRuleSchema,
        allowedActions: z
          .array(
            z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, 'must be an IAM action such as ec2:StartInstances'),
          )
          .default([]),
      })
      .strict()
      .optional(),
    /**
     * Third parties that cannot assume a role get an IAM user whose only right is to assume the grant's role,
     * with one access key, delivered encrypted to the vendor's key. Off unless set; its own approval rule.
     */
    accessKeyVendors: z.object({ approval: approvalRuleSchema }).strict().optional(),
    targetAccounts: z
      .record(
        accountId,
        z
          .object({
            provisionerRoleArn: z.string().regex(/^arn:[\w-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/),
            externalId: z.string().min(2),
          })
          .strict(),
      )
      .default({}),
    /** Machines (ticketing systems) and scripts: static bearer tokens, kept as their SHA-256 only. */
    apiClients: z
      .array(
        z
          .object({
            id: z
              .string()
              .regex(
                /^[\w.@-]{1,128}$/,
                'must be letters, digits and . _ @ - (no ":", which marks IdP identities)',
              ),
            /** One hash, or several while a token is rotated: any of them is accepted until it is removed. */
            tokenSha256: z
              .union([sha256, z.array(sha256).min(1).max(4)])
              .transform((value) => (typeof value === 'string' ? [value] : value)),
            scopes: z.array(z.enum(SCOPES)),
          })
          .strict(),
      )
      .default([]),
    oidc: oidcSchema.optional(),
    /**
     * Where the broker sends requests of its own (vendor webhooks): public https hosts only. `allowLoopback` is
     * the local runtime's setting for webhooks on this machine (plain http included); a deploy refuses it.
     */
    egress: z
      .object({ allowLoopback: z.boolean().default(false) })
      .strict()
      .default({ allowLoopback: false }),
    slack: z
      .object({ approvalChannel: z.string().min(1) })
      .strict()
      .optional(),
    /**
     * Where people report a vulnerability in this deployment, as security.txt says it (RFC 9116): served at
     * /.well-known/security.txt. A deploy requires it.
     */
    security: z
      .object({
        contact: z
          .array(
            z
              .string()
              .regex(
                /^(mailto:[^\s@]+@[^\s@]+\.[^\s@]+|https:\/\/[^\s]+|tel:\+[\d-]+)$/,
                'must be a mailto:, https: or tel: URI',
              ),
          )
          .min(1),
        policy: z
          .string()
          .regex(/^https:\/\/[^\s]+$/, 'must be an https URL')
          .optional(),
        preferredLanguages: z.array(z.string().regex(/^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/)).default(['en']),
      })
      .strict()
      .optional(),
    /** Forward broker events to a ticketing webhook (EventBridge API destination); absent = not deployed. */
    ticketing: z
      .object({
        endpoint: z
          .url({ protocol: /^https$/, error: 'must be an https URL' })
          .superRefine((value, context) => {
            const issue = outboundUrlIssue(value, { allowLoopback: false });
            if (issue) context.addIssue({ code: 'custom', message: issue });
          }),
        apiKeyHeader: z.string().min(1).default('Authorization'),
        /** Secrets Manager secret holding the API key; the broker never stores it. */
        apiKeySecretArn: z
          .string()
          .regex(
            /^arn:[\w-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
            'must be a Secrets Manager secret ARN',
          ),
        detailTypes: z
          .array(z.string())
          .min(1)
          .default([
            'Access Granted',
            'Access Denied',
            'Access Expired',
            'Access Revoked',
            'Revocation Failed',
          ]),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BrokerConfig = z.infer<typeof brokerConfigSchema>;
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;
export type Profile = z.infer<typeof profileSchema>;

function isRegExp(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}
