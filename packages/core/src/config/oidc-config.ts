import * as z from 'zod';
import { SCOPES } from './scopes';

/** https, or plain http on loopback only (the local identity provider). */
const issuerUrl = z
  .url({ error: 'must be a URL' })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'must be an https URL (http only on loopback)')
  .refine((value) => !value.endsWith('/') || new URL(value).pathname === '/', 'must not end with "/"');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * How people sign in: the company's OpenID Provider (Okta, Entra ID, Google, Cognito, IAM Identity Center…).
 * A signed-in person is who `personClaim` says; what they may do comes from the groups in `groupsClaim`.
 */
export const oidcSchema = z
  .object({
    /** The `iss` of its tokens, exactly (no trailing slash unless the provider's issuer has one). */
    issuer: issuerUrl,
    /** The `aud` the broker's tokens carry (an API identifier, or the client id for ID tokens). */
    audience: z.string().min(1),
    /** The public client `broker login` uses (device flow and PKCE, no secret). */
    cliClientId: z.string().min(1),
    /**
     * The public browser client the web console signs in with (authorization code + PKCE, no secret), its
     * redirect URI `<API URL>/console`; absent, the console says that sign-in is not set up.
     */
    consoleClientId: z.string().min(1).optional(),
    /** Scopes `broker login` asks for. */
    loginScopes: z.string().default('openid profile email offline_access'),
    /** Send this token to the API: `access` (a JWT access token for `audience`) or `id` (e.g. Google's). */
    tokenUse: z.enum(['access', 'id']).default('access'),
    /** The claim naming the person: `sub` (stable) or `email` (readable; only if the IdP verifies it). */
    personClaim: z.enum(['sub', 'email']).default('sub'),
    /** The claim listing the person's groups (`groups`, Cognito's `cognito:groups`, …). */
    groupsClaim: z.string().min(1).default('groups'),
    /** What members of each IdP group may do; a person in none of them is refused. */
    groupScopes: z.record(z.string().min(1), z.array(z.enum(SCOPES)).min(1)),
    /** Machines using the client-credentials grant, by client id, and what each may do. */
    machineClients: z
      .record(
        z.string().regex(/^[\w.@-]{1,128}$/, 'must be letters, digits and . _ @ -'),
        z.object({ scopes: z.array(z.enum(SCOPES)).min(1) }).strict(),
      )
      .default({}),
  })
  .strict();

export type OidcConfig = z.infer<typeof oidcSchema>;
