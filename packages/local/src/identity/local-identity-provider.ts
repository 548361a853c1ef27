import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OidcConfig } from '@access-broker/core';
import type Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import { ConsoleClient } from './console-client';
import { fileAdapter } from './file-adapter';
import { LOCAL_DIRECTORY, localEmail, type LocalUser } from './local-directory';
import { confirmPage, loginPage, successPage, userCodePage } from './sign-in-pages';

export interface LocalIdentityProviderOptions {
  /** The broker's oidc settings: audience, the command line's client, the machines' clients. */
  oidc: Pick<OidcConfig, 'audience' | 'cliClientId' | 'consoleClientId' | 'loginScopes'>;
  /** Client-credentials clients and their secrets. */
  machineClients: Record<string, string>;
  /** The password every local person signs in with. */
  password: string;
  /** A private JWK (ES256) the tokens are signed with, kept in the home so tokens outlive a restart. */
  signingKey: Record<string, unknown>;
  cookieKey: string;
  /** 0 (or absent) for a free port. */
  port?: number;
  /** Where sessions, grants and refresh tokens are kept across restarts. */
  stateFile: string;
}

export interface LocalIdentityProvider {
  issuer: string;
  /** The web console listens at this address: its client may now sign people in and come back there. */
  registerConsole(consoleUrl: string): void;
  stop(): Promise<void>;
}

// The resource server scope `broker login` asks for, so the access token is a JWT for the broker's audience.
const BROKER_RESOURCE_SCOPE = 'broker';

/**
 * A real OpenID Provider (`oidc-provider`) for the local people: device flow and PKCE for the command line,
 * client credentials for machines, JWT access tokens for the broker's audience carrying `email` and `groups`.
 * Only sign-in pages are ours; discovery, keys, codes and tokens are the library's, as an IdP would serve.
 */
export async function startLocalIdentityProvider(
  options: LocalIdentityProviderOptions,
): Promise<LocalIdentityProvider> {
  const server = createServer();
  await listen(server, options.port ?? 0).catch((error: NodeJS.ErrnoException) => {
    // The preferred port keeps the issuer (and so saved logins) stable; any port still works.
    if (error.code !== 'EADDRINUSE' || !options.port) throw error;
    return listen(server, 0);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const OidcProvider = await loadProvider();
  const consoleClient = new ConsoleClient(options.oidc.consoleClientId);
  const provider = new OidcProvider(issuer, providerConfiguration(options, consoleClient));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!interaction) return void callback(req, res);
    const uid = interaction[1]!;
    const step = interaction[2]
      ? signIn(provider, options.password, uid, req, res)
      : prompt(provider, uid, req, res);
    step.catch((error: unknown) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain');
      res.end(`sign-in failed: ${(error as Error).message}`);
    });
  });
  return {
    issuer,
    registerConsole: (consoleUrl) => consoleClient.register(consoleUrl),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const MINUTE = 60;

const TTL = {
  AccessToken: 10 * MINUTE,
  AuthorizationCode: MINUTE,
  ClientCredentials: 10 * MINUTE,
  DeviceCode: 10 * MINUTE,
  IdToken: 10 * MINUTE,
  Interaction: 10 * MINUTE,
  RefreshToken: 24 * 60 * MINUTE,
  Session: 24 * 60 * MINUTE,
  Grant: 24 * 60 * MINUTE,
};

function providerConfiguration(
  options: LocalIdentityProviderOptions,
  consoleClient: ConsoleClient,
): Configuration {
  return {
    adapter: consoleClient.withClient(fileAdapter(options.stateFile)),
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    clients: providerClients(options),
    jwks: { keys: [{ ...options.signingKey, alg: 'ES256', use: 'sig' }] },
    cookies: { keys: [options.cookieKey] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    ...directoryAccounts,
    features: providerFeatures(options.oidc.audience),
    // Refresh tokens for the command line even without a consent prompt, so a login lasts the day.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, client) => consoleClient.allowsCors(origin, client.clientId),
    ttl: TTL,
  };
}

/** The command line (a native public client: device flow and PKCE) and the machine clients. */
function providerClients({ oidc, machineClients }: LocalIdentityProviderOptions): Configuration['clients'] {
  return [
    {
      client_id: oidc.cliClientId,
      client_name: 'the broker command line',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'authorization_code', 'refresh_token'],
      response_types: ['code'],
      // Native loopback redirect: any port (RFC 8252 §7.3), so `broker login --browser` picks a free one.
      redirect_uris: ['http://127.0.0.1/callback'],
    },
    ...Object.entries(machineClients).map(([clientId, secret]) => ({
      client_id: clientId,
      client_secret: secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })),
  ];
}

/** People come from the local directory; the access token itself carries who and which groups. */
const directoryAccounts: Pick<Configuration, 'findAccount' | 'extraTokenClaims'> = {
  async findAccount(_ctx, sub) {
    const entry = LOCAL_DIRECTORY[sub as LocalUser];
    if (!entry) return undefined;
    return {
      accountId: sub,
      claims: async () => ({
        sub,
        email: localEmail(sub),
        email_verified: true,
        name: entry.name,
        groups: [...entry.groups],
      }),
    };
  },
  // The broker reads who and which groups from the access token itself, as from Okta or Entra ID.
  async extraTokenClaims(_ctx, token) {
    const user = 'accountId' in token ? (token.accountId as LocalUser) : undefined;
    const entry = user ? LOCAL_DIRECTORY[user] : undefined;
    return entry ? { email: localEmail(user!), email_verified: true, groups: [...entry.groups] } : undefined;
  },
};

function providerFeatures(audience: string): Configuration['features'] {
  return {
    devInteractions: { enabled: false },
    // `broker logout` revokes its own refresh token; no client revokes another's.
    revocation: {
      enabled: true,
      allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
    },
    clientCredentials: { enabled: true },
    deviceFlow: {
      enabled: true,
      async userCodeInputSource(ctx, form, _out, error) {
        ctx.body = userCodePage(form, Boolean(error));
      },
      async userCodeConfirmSource(ctx, form, client, _device, userCode) {
        ctx.body = confirmPage(form, client.clientName ?? client.clientId, userCode);
      },
      async successSource(ctx) {
        ctx.body = successPage();
      },
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      async getResourceServerInfo(_ctx, indicator) {
        if (indicator !== audience) throw new Error(`unknown resource ${indicator}`);
        return {
          scope: BROKER_RESOURCE_SCOPE,
          audience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 10 * MINUTE,
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  };
}

/**
 * GET /interaction/:uid — the login page; consent is given at once, as for a first-party client (the
 * command line is the broker's own, and oidc-provider asks native clients for it on every sign-in).
 */
async function prompt(provider: Provider, uid: string, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('this sign-in has expired; start again');
  const clientId = String(details.params.client_id);
  if (details.prompt.name === 'consent' && details.session?.accountId) {
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ??
        new provider.Grant({ clientId, accountId: details.session.accountId }))
      : new provider.Grant({ clientId, accountId: details.session.accountId });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }
  const client = await provider.Client.find(clientId);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(loginPage(`/interaction/${uid}/login`, client?.clientName ?? clientId));
}

/** POST /interaction/:uid/login — a local person with the local password. */
async function signIn(
  provider: Provider,
  password: string,
  uid: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid || req.method !== 'POST') throw new Error('this sign-in has expired; start again');
  const form = new URLSearchParams(await readBody(req));
  const username = form.get('username') ?? '';
  const known = Object.hasOwn(LOCAL_DIRECTORY, username);
  if (!known || !samePassword(form.get('password') ?? '', password)) {
    res.statusCode = 401;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return void res.end(
      loginPage(`/interaction/${uid}/login`, 'The broker', 'Unknown user or wrong password.'),
    );
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: username } },
    { mergeWithLastSubmission: false },
  );
}

/**
 * oidc-provider warns on import that it supports Node 22 and later only; the machine runs Node 20 (deployed
 * functions never load it). It works here, as the end-to-end tests show, so the one warning is not printed.
 */
async function loadProvider(): Promise<typeof Provider> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
  };
  try {
    return (await import('oidc-provider')).default;
  } finally {
    console.warn = warn;
  }
}

function samePassword(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error('form too large');
  }
  return body;
}

function listen(server: ReturnType<typeof createServer>, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
