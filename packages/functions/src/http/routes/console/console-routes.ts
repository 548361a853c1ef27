import type { BrokerConfig } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';

/** The built console, by file name (what `@access-broker/console/assets` holds in the bundle). */
export type ConsoleFiles = Record<string, { contentType: string; body: string }>;

/**
 * Only the console's own files run, and its only connections are to the API and the identity provider's
 * sign-in origins (discovery and the token exchange): no inline script or style, no framing, no forms posted.
 */
function contentSecurityPolicy(signIn: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ["connect-src 'self'", ...signIn].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

let discovered: { issuer: string; origins: string[] } | undefined;

/**
 * The origins the console's sign-in calls: the issuer's (discovery) and its token endpoint's, which some
 * providers serve elsewhere (Cognito's own domain, Google's oauth2.googleapis.com). Read from the provider's
 * discovery document and kept once read; while it cannot be read, the issuer's origin alone.
 */
export async function signInOrigins(config: Pick<BrokerConfig, 'oidc'>): Promise<string[]> {
  const issuer = config.oidc?.issuer;
  if (!issuer) return [];
  if (discovered?.issuer === issuer) return discovered.origins;
  const origins = new Set([new URL(issuer).origin]);
  try {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(2000),
    });
    const { token_endpoint: tokenEndpoint } = (await response.json()) as { token_endpoint?: unknown };
    // The token endpoint is where the browser posts the code: the issuer's own scheme, https deployed.
    if (typeof tokenEndpoint === 'string' && new URL(tokenEndpoint).protocol === new URL(issuer).protocol)
      origins.add(new URL(tokenEndpoint).origin);
    discovered = { issuer, origins: [...origins] };
  } catch {
    // Not reachable now: discovery still works from the issuer's origin; asked again on the next page load.
  }
  return [...origins];
}

const COMMON_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
const text = z.string();

/**
 * GET /console — the web console's page. The browser signs the person in at the identity provider
 * (authorization code + PKCE) and comes back here; the token stays in the page's memory.
 */
export const consolePageRoute = (files: ConsoleFiles = {}) =>
  defineRoute({
    name: 'consolePage',
    method: 'GET',
    path: '/console',
    scope: 'public',
    summary: 'The web console, for people who decide and review (it signs in through the identity provider)',
    request: {},
    responses: {
      200: {
        description: 'The page',
        contentType: 'text/html',
        schema: text,
        headers: {
          'content-security-policy': 'Only its own script and style; connects to the API and the IdP',
        },
      },
    },
    problems: {},
    async handle(_input, deps) {
      return {
        status: 200,
        headers: {
          ...COMMON_HEADERS,
          'content-security-policy': contentSecurityPolicy(await signInOrigins(deps.config)),
          'cache-control': 'no-store',
          'cross-origin-opener-policy': 'same-origin',
          'x-frame-options': 'DENY',
        },
        body: files['index.html']?.body ?? '',
      };
    },
  });

/** GET /console/{file} — the console's script and style sheet, named by content hash, so cached for ever. */
export const consoleAssetRoute = (files: ConsoleFiles = {}) =>
  defineRoute({
    name: 'consoleAsset',
    method: 'GET',
    path: '/console/{file}',
    scope: 'public',
    summary: "The web console's script and style sheet (named by content hash)",
    request: { params: z.strictObject({ file: z.string().regex(/^app-[0-9a-f]{12}\.(js|css)$/) }) },
    responses: {
      200: { description: 'The file', contentType: 'text/javascript', schema: text },
      404: { description: 'No such file (an older build)', contentType: 'text/plain', schema: text },
    },
    problems: { 400: 'Not a file name the console uses' },
    async handle({ params }) {
      const file = files[params.file];
      if (!file) return { status: 404, headers: COMMON_HEADERS, body: 'no such file\n' };
      return {
        status: 200,
        headers: {
          ...COMMON_HEADERS,
          'content-type': `${file.contentType}; charset=utf-8`,
          'cache-control': 'public, max-age=31536000, immutable',
        },
        body: file.body,
      };
    },
  });
