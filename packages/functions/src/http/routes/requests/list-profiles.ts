import { APPROVAL_CHANNELS, type ApprovalRule } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';

const approvalRule = z
  .strictObject({
    approverGroup: z.string(),
    approvalsRequired: z.number().int(),
    channels: z.array(z.enum(APPROVAL_CHANNELS)),
    maxDuration: z.string().optional(),
    autoApproveUpTo: z
      .string()
      .optional()
      .meta({ description: 'Requests up to this duration need no approver' }),
    requireTicket: z.boolean(),
  })
  .meta({ id: 'ApprovalRule' });

const profileSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  parameters: z.array(
    z.strictObject({
      name: z.string(),
      description: z.string(),
      pattern: z.string().meta({ description: 'Every value must match this, anchored' }),
    }),
  ),
  statements: z
    .array(z.record(z.string(), z.unknown()))
    .meta({ description: 'What a grant allows, with {{parameter}} placeholders' }),
  managedPolicyArns: z.array(z.string()),
  sensitiveActions: z.array(z.string()),
  approval: approvalRule,
});

const profilesSchema = z
  .strictObject({
    profiles: z.array(profileSchema),
    customPolicies: z
      .strictObject({ approval: approvalRule })
      .nullable()
      .meta({ description: 'null: requests must name a profile' }),
  })
  .meta({ id: 'Profiles' });

const ruleView = (rule: ApprovalRule) => ({
  approverGroup: rule.approverGroup,
  approvalsRequired: rule.approvalsRequired,
  channels: [...rule.channels],
  ...(rule.maxDuration ? { maxDuration: rule.maxDuration } : {}),
  ...(rule.autoApproveUpTo ? { autoApproveUpTo: rule.autoApproveUpTo } : {}),
  requireTicket: rule.requireTicket,
});

/** GET /v1/profiles — what can be asked for: each profile's access, parameters and approval rule. */
export const listProfilesRoute = defineRoute({
  name: 'listProfiles',
  method: 'GET',
  path: '/v1/profiles',
  scope: 'authenticated',
  summary: 'What can be asked for: each profile, what it grants, its parameters and its approval rule',
  request: {},
  responses: { 200: { description: 'The profiles, by name', schema: profilesSchema } },
  problems: { 401: 'Missing, unknown, expired or foreign token', 403: 'Signed in, but in no known group' },
  async handle(_input, deps) {
    const { profiles, customPolicies } = deps.config;
    return {
      status: 200,
      body: {
        profiles: Object.entries(profiles)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, profile]) => ({
            name,
            description: profile.description,
            parameters: Object.entries(profile.parameters).map(([parameter, { description, pattern }]) => ({
              name: parameter,
              description,
              pattern,
            })),
            statements: profile.statements.map((statement) => ({ ...statement })),
            managedPolicyArns: [...profile.managedPolicyArns],
            sensitiveActions: [...profile.sensitiveActions],
            approval: ruleView(profile.approval),
          })),
        customPolicies: customPolicies ? { approval: ruleView(customPolicies.approval) } : null,
      },
    };
  },
});
