import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressIssue, type EgressPolicy, outboundUrlIssue } from '@access-broker/core';

/** The broker would not send there: the URL, or an address its host resolves to, is not a public one. */
class EgressRefusedError extends Error {
  override readonly name = 'EgressRefusedError';
}

export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

const resolveAll: Resolve = (host) => systemLookup(host, { all: true, verbatim: true });

/**
 * POSTs to a URL outside the broker, and only to a public host: the URL passes the egress rules, every address
 * its host resolves to is public (a name that also resolves somewhere internal is refused outright), and the
 * connection goes to the address that was checked — never to a second lookup, so a name cannot be rebound to
 * an internal address between the check and the connection. TLS still verifies the certificate against the
 * name. Redirects are not followed: a 3xx is an answer like any other.
 */
export async function postToPublicHost(
  target: string,
  body: string,
  options: { headers: Record<string, string>; policy: EgressPolicy; timeoutMs: number; resolve?: Resolve },
): Promise<{ status: number }> {
  const issue = outboundUrlIssue(target, options.policy);
  if (issue) throw new EgressRefusedError(`${target} ${issue}`);
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = await (options.resolve ?? resolveAll)(host);
  if (addresses.length === 0) throw new EgressRefusedError(`${url.hostname} resolves to no address`);
  for (const { address } of addresses) {
    const refused = addressIssue(address, options.policy);
    if (refused) throw new EgressRefusedError(`${url.hostname} resolves to ${address}: ${refused}`);
  }
  const pinned = addresses[0]!;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        lookup: pinnedLookup(pinned),
        timeout: options.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A lookup that answers with the checked address whatever it is asked (Node asks for one or for all). */
function pinnedLookup(pinned: { address: string; family: number }): LookupFunction {
  return (_host, lookupOptions, callback) => {
    if (lookupOptions.all) (callback as (e: null, a: (typeof pinned)[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}
