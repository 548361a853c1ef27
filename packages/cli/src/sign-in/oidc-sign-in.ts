import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { SavedLogin } from './saved-logins';

/** What the broker publishes at GET /v1/sign-in. */
export interface SignInSettings {
  issuer: string;
  clientId: string;
  audience: string;
  scope: string;
  tokenUse: 'access' | 'id';
}

/** The identity provider, found through its discovery document; plain http only on loopback (local IdP). */
async function providerFor(settings: SignInSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return oidc.discovery(issuer, settings.clientId, undefined, oidc.None(), {
    ...(issuer.protocol === 'http:' && loopback ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
}

// Okta, Entra ID and the local provider issue access tokens for an API named by `resource` (RFC 8707).
const resourceOf = (settings: SignInSettings): Record<string, string> =>
  settings.tokenUse === 'access' ? { resource: settings.audience } : {};

/**
 * OAuth 2.0 device authorization grant (RFC 8628): prints where to go and the code, then waits while the
 * person signs in on any browser, on this machine or another.
 */
export async function deviceSignIn(
  settings: SignInSettings,
  tell: (line: string) => void,
): Promise<SavedLogin> {
  const provider = await providerFor(settings);
  const device = await oidc.initiateDeviceAuthorization(provider, {
    scope: settings.scope,
    ...resourceOf(settings),
  });
  tell(`To sign in, open ${device.verification_uri_complete ?? device.verification_uri}`);
  tell(
    `and check that it shows the code ${device.user_code}  (waiting up to ${Math.round(device.expires_in / 60)} minutes)`,
  );
  const tokens = await oidc.pollDeviceAuthorizationGrant(provider, device, resourceOf(settings));
  return loginFrom(settings, tokens);
}

/**
 * Authorization code with PKCE through the system browser and a loopback redirect (RFC 8252): no secret, and
 * the code is useless to anyone who intercepts it without the verifier.
 */
export async function browserSignIn(
  settings: SignInSettings,
  tell: (line: string) => void,
  options: { open?: boolean; timeoutMs?: number } = {},
): Promise<SavedLogin> {
  const provider = await providerFor(settings);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: redirectUri,
      scope: settings.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...resourceOf(settings),
    });
    const callback = new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('nobody signed in within the time allowed')),
        options.timeoutMs ?? 300_000,
      );
      server.on('request', (req, res) => {
        const current = new URL(req.url ?? '/', redirectUri);
        if (current.pathname !== '/callback') return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Signed in to the access broker: you can close this window.\n');
        clearTimeout(timer);
        resolve(current);
      });
    });
    tell(`Opening the browser to sign in; if it does not open, visit:\n${url.href}`);
    if (options.open !== false) openBrowser(url.href);
    const tokens = await oidc.authorizationCodeGrant(
      provider,
      await callback,
      { pkceCodeVerifier: verifier, expectedState: state },
      resourceOf(settings),
    );
    return loginFrom(settings, tokens);
  } finally {
    server.close();
  }
}

/** A fresh token from the refresh token, without the person doing anything. */
export async function refreshLogin(login: SavedLogin): Promise<SavedLogin> {
  if (!login.refreshToken) throw new Error('the sign-in has expired and cannot be refreshed');
  const settings = { ...login, scope: '' };
  const tokens = await oidc.refreshTokenGrant(
    await providerFor(settings),
    login.refreshToken,
    resourceOf(settings),
  );
  return { ...loginFrom(settings, tokens), refreshToken: tokens.refresh_token ?? login.refreshToken };
}

/** Ends the session at the provider too, where it supports revocation (RFC 7009). */
export async function revokeLogin(login: SavedLogin): Promise<void> {
  if (!login.refreshToken) return;
  const provider = await providerFor({ ...login, scope: '' });
  if (provider.serverMetadata().revocation_endpoint) await oidc.tokenRevocation(provider, login.refreshToken);
}

function loginFrom(settings: SignInSettings, tokens: oidc.TokenEndpointResponse): SavedLogin {
  const token = settings.tokenUse === 'id' ? tokens.id_token : tokens.access_token;
  if (!token) throw new Error(`the identity provider returned no ${settings.tokenUse} token`);
  return {
    issuer: settings.issuer,
    clientId: settings.clientId,
    audience: settings.audience,
    tokenUse: settings.tokenUse,
    token,
    expiresAt: expiryOf(token) ?? Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 300),
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
  };
}

/** The token's own `exp` (it is a JWT for the broker): unverified here; the broker verifies it. */
function expiryOf(token: string): number | undefined {
  try {
    const exp = (
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp?: unknown }
    ).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a browser can be opened here: a desktop session, macOS or Windows. */
export function browserAvailable(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openBrowser(url: string) {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open']
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""']
        : ['xdg-open'];
  const child = spawn(command!, [...args, url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
