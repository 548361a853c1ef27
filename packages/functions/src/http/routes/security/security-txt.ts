import * as z from 'zod';
import { defineRoute } from '../../route-spec';

/** How long a served security.txt says it holds (RFC 9116 wants an Expires under a year away). */
const VALID_DAYS = 30;

/**
 * GET /.well-known/security.txt — where to report a vulnerability in this deployment (RFC 9116), from the
 * config's `security` section, which a deploy requires. Without one (the local broker may lack it) it is 404.
 */
export const securityTxtRoute = defineRoute({
  name: 'securityTxt',
  method: 'GET',
  path: '/.well-known/security.txt',
  scope: 'public',
  summary:
    "Where to report a vulnerability in this deployment (RFC 9116), from the config's security contact",
  request: {},
  responses: {
    200: { description: 'security.txt', contentType: 'text/plain', schema: z.string() },
    404: { description: 'No security contact is configured', contentType: 'text/plain', schema: z.string() },
  },
  problems: {},
  async handle({ event }, deps) {
    const security = deps.config.security;
    if (!security) return { status: 404, body: 'no security contact is configured\n' };
    const expires = new Date(deps.clock.now().getTime() + VALID_DAYS * 86_400_000);
    const host = event.requestContext.domainName;
    const lines = [
      ...security.contact.map((contact) => `Contact: ${contact}`),
      `Expires: ${expires.toISOString().replace(/\.\d+Z$/, 'Z')}`,
      ...(security.policy ? [`Policy: ${security.policy}`] : []),
      `Preferred-Languages: ${security.preferredLanguages.join(', ')}`,
      ...(host ? [`Canonical: https://${host}/.well-known/security.txt`] : []),
    ];
    return { status: 200, body: `${lines.join('\n')}\n` };
  },
});
