import { externalAccessInventory } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';
import { TOKEN_PROBLEMS } from '../../visible-request';

const externalPrincipal = z.strictObject({
  principal: z.string().meta({ description: 'As the trust policy names it: an ARN, an account id, or *' }),
  accountId: z.string().optional(),
  externalIdRequired: z.boolean().meta({ description: 'The trust requires an exact sts:ExternalId' }),
});

const externalAccessSchema = z
  .strictObject({
    accounts: z.array(
      z.strictObject({
        accountId: z.string(),
        roles: z.array(
          z.strictObject({
            roleName: z.string(),
            roleArn: z.string(),
            createdAt: z.string(),
            madeByBroker: z.boolean().meta({ description: 'A grant role of a request the broker holds' }),
            requestId: z.string().optional(),
            principals: z.array(externalPrincipal),
            lastUsedAt: z.string().optional().meta({ description: "IAM's RoleLastUsed" }),
          }),
        ),
        error: z
          .string()
          .optional()
          .meta({ description: 'The account could not be read (the error name): its list is empty' }),
      }),
    ),
  })
  .meta({ id: 'ExternalAccess' });

/** GET /v1/external-access — every role, in every account the broker reaches, that an outsider may assume. */
export const externalAccessRoute = defineRoute({
  name: 'externalAccess',
  method: 'GET',
  path: '/v1/external-access',
  scope: 'requests:admin',
  summary:
    "Roles that principals outside the broker's accounts (or organization) may assume, the broker's own marked",
  request: {},
  responses: { 200: { description: 'Per account', schema: externalAccessSchema } },
  problems: { ...TOKEN_PROBLEMS },
  async handle(_input, deps) {
    return { status: 200, body: { accounts: await externalAccessInventory(deps) } };
  },
});
