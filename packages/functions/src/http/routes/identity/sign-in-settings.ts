import * as z from 'zod';
import { defineRoute } from '../../route-spec';

const signInSchema = z
  .strictObject({
    oidc: z
      .strictObject({
        issuer: z.string(),
        clientId: z.string().meta({ description: 'The public client for device flow and PKCE sign-in' }),
        consoleClientId: z.string().optional().meta({
          description: 'The public client the web console signs in with (authorization code + PKCE)',
        }),
        audience: z.string(),
        scope: z.string(),
        tokenUse: z.enum(['access', 'id']).meta({ description: 'Which token to send as the bearer token' }),
      })
      .nullable()
      .meta({ description: 'null: this broker takes static tokens only' }),
  })
  .meta({ id: 'SignInSettings' });

/** GET /v1/sign-in — where people sign in: what `broker login` needs, knowing only the API's URL. */
export const signInSettingsRoute = defineRoute({
  name: 'signInSettings',
  method: 'GET',
  path: '/v1/sign-in',
  scope: 'public',
  summary:
    "Where people sign in: the identity provider's issuer and the clients of the command line and the console",
  request: {},
  responses: { 200: { description: 'The sign-in settings', schema: signInSchema } },
  problems: {},
  async handle(_input, deps) {
    const oidc = deps.config.oidc;
    return {
      status: 200,
      body: {
        oidc: oidc
          ? {
              issuer: oidc.issuer,
              clientId: oidc.cliClientId,
              ...(oidc.consoleClientId ? { consoleClientId: oidc.consoleClientId } : {}),
              audience: oidc.audience,
              scope: oidc.loginScopes,
              tokenUse: oidc.tokenUse,
            }
          : null,
      },
    };
  },
});
