import type { BrokerConfig } from '@access-broker/core';
import * as z from 'zod';
import { defineRoute } from '../../route-spec';

/** The built console, by file name (what `@access-broker/console/assets` holds in the bundle). */
export type ConsoleFiles = Record<string, { contentType: string; body: string }>;

/**
 * Only the console's own files run, and its only connections are to the API and the identity provider's
 * endpoints (discovery and the token exchange): no inline script or style, no framing, no forms posted.
 */
function contentSecurityPolicy(config: Pick<BrokerConfig, 'oidc'>): string {
  const issuer = config.oidc ? [new URL(config.oidc.issuer).origin] : [];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${issuer.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
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
          'content-security-policy': contentSecurityPolicy(deps.config),
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
