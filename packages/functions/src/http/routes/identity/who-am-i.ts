import { inApproverGroup, personOfActor } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';
import { scopeList } from '../../response-schemas';

const whoAmISchema = z
  .strictObject({
    actor: z.string().meta({ description: 'What the audit trail records for this caller' }),
    kind: z.enum(['person', 'machine']),
    person: z.string().optional().meta({ description: 'The person, as requests and approvals name them' }),
    displayName: z.string().optional(),
    scopes: scopeList,
    idpGroups: z.array(z.string()).optional(),
    approverGroups: z.array(z.string()).meta({ description: 'The approver groups this caller decides for' }),
  })
  .meta({ id: 'WhoAmI' });

/** GET /v1/me — who the broker takes the caller for, and what they may do: `broker whoami`. */
export const whoAmIRoute = defineRoute({
  name: 'whoAmI',
  method: 'GET',
  path: '/v1/me',
  scope: 'authenticated',
  summary: 'Who the broker takes the caller for: person or machine, scopes, approver groups',
  request: {},
  responses: { 200: { description: 'The caller', schema: whoAmISchema } },
  problems: {
    401: 'Missing, unknown, expired or foreign token',
    403: 'Signed in, but in none of the groups the broker knows',
  },
  async handle({ identity }, deps) {
    const person = personOfActor(deps.config, identity.actor, identity.email);
    const approverGroups = person
      ? Object.keys(deps.config.approverGroups).filter((group) =>
          inApproverGroup(deps.config, group, person, identity.idpGroups),
        )
      : [];
    const displayName = person?.configured ? deps.config.people[person.key]?.displayName : undefined;
    return {
      status: 200,
      body: {
        actor: identity.actor,
        kind: person ? ('person' as const) : ('machine' as const),
        ...(person ? { person: person.key } : {}),
        ...(displayName ? { displayName } : {}),
        scopes: [...identity.scopes],
        ...(identity.idpGroups ? { idpGroups: [...identity.idpGroups] } : {}),
        approverGroups,
      },
    };
  },
});
