import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { QueryError } from './query-protocol';

export interface SignedBy {
  accessKeyId: string;
  region: string;
  service: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** Reads who signed a request; `verify` then checks the SigV4 signature against that key's secret. */
export function signedBy(request: IncomingMessage): SignedBy {
  const match = AUTHORIZATION.exec(String(request.headers.authorization ?? ''));
  if (!match)
    throw new QueryError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  return { accessKeyId: match[1]!, region: match[3]!, service: match[4]! };
}

/** Re-signs the request with the secret we hold for its key and compares signatures in constant time. */
export async function verifySignature(
  request: IncomingMessage,
  body: string,
  secretAccessKey: string,
  sessionToken?: string,
) {
  const [, , , region, service, signedHeaderList, signature] = AUTHORIZATION.exec(
    String(request.headers.authorization),
  )!;
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signingDate = new Date(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (Number.isNaN(signingDate.getTime()) || Math.abs(Date.now() - signingDate.getTime()) > 15 * 60_000) {
    throw new QueryError(403, 'SignatureDoesNotMatch', 'Signature expired or x-amz-date missing');
  }
  const headers = Object.fromEntries(
    signedHeaderList!.split(';').map((name) => [name, String(request.headers[name] ?? '')]),
  );
  const [hostname, port] = String(request.headers.host ?? '').split(':');
  const url = new URL(request.url ?? '/', 'http://local');
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'x', secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: region!,
    service: service!,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
    // S3 signs the path as sent (no second URI-escaping); every other service escapes it again.
    uriEscapePath: service !== 's3',
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method ?? 'POST',
      protocol: 'http:',
      hostname: hostname!,
      ...(port ? { port: Number(port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
    }),
    { signingDate, signingRegion: region!, signingService: service! },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  if (expected.length !== 64 || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
    throw new QueryError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
}
