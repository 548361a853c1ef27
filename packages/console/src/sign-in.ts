import * as oauth from 'oauth4webapi';

/** What `GET /v1/sign-in` says about the identity provider. */
export interface SignInSettings {
  issuer: string;
  consoleClientId?: string;
  audience: string;
  scope: string;
  tokenUse: 'access' | 'id';
}

/** Kept across the one redirect to the identity provider and back: never a token, only the PKCE secret. */
const PENDING = 'broker-console:sign-in';

const redirectUri = () => `${location.origin}/console`;

// The local identity provider speaks plain http on loopback; the broker's config allows nothing else.
const transport = (url: URL) => (url.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {});

async function authorizationServer(issuer: string) {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, transport(url)));
}

// The console holds its token in memory for one visit: it asks for no refresh token.
const consoleScope = (scope: string) =>
  scope
    .split(' ')
    .filter((item) => item && item !== 'offline_access')
    .join(' ');

// Okta, Entra ID and the local provider issue access tokens for an API named by `resource` (RFC 8707).
const resourceOf = (settings: SignInSettings): Record<string, string> =>
  settings.tokenUse === 'access' ? { resource: settings.audience } : {};

/**
 * Sends the browser to the identity provider: authorization code with PKCE (S256), a fresh state, and where
 * to come back to in the console. `fresh` asks the person to sign in again (after signing out).
 */
export async function startSignIn(settings: SignInSettings, fresh: boolean): Promise<void> {
  const server = await authorizationServer(settings.issuer);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const url = new URL(server.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: settings.consoleClientId!,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: consoleScope(settings.scope),
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...resourceOf(settings),
    ...(fresh ? { prompt: 'login' } : {}),
  }).toString();
  location.assign(url.href);
}

/**
 * Back from the identity provider: takes the code off the address bar at once, checks the state, and trades
 * the code (with the PKCE verifier) for the bearer token the API takes. Undefined when this is no return.
 */
export async function finishSignIn(settings: SignInSettings): Promise<string | undefined> {
  const current = new URL(location.href);
  if (!current.searchParams.has('code') && !current.searchParams.has('error')) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/console${pending?.returnTo ?? ''}`);
  if (!pending) throw new Error('This sign-in was not started from this page. Sign in again.');
  const server = await authorizationServer(settings.issuer);
  const client: oauth.Client = {
    client_id: settings.consoleClientId!,
    // The ID token's algorithm is the provider's own (the local one signs with ES256).
    id_token_signed_response_alg: server.id_token_signing_alg_values_supported?.[0] ?? 'RS256',
  };
  const params = oauth.validateAuthResponse(server, client, current, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    { additionalParameters: resourceOf(settings), ...transport(new URL(settings.issuer)) },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response);
  const token = settings.tokenUse === 'id' ? tokens.id_token : tokens.access_token;
  if (!token) throw new Error(`The identity provider sent no ${settings.tokenUse} token.`);
  return token;
}
