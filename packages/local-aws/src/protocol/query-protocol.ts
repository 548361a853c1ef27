import { XMLBuilder } from 'fast-xml-parser';

/** The AWS Query protocol as IAM and STS speak it: form-encoded requests, XML responses and errors. */
const NAMESPACES = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
} as const;
export type QueryService = keyof typeof NAMESPACES;

export class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type QueryParams = URLSearchParams;

export function required(params: QueryParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') {
    throw new QueryError(
      400,
      'ValidationError',
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** `Tags.member.1.Key=a&Tags.member.1.Value=b` → `[{ Key: 'a', Value: 'b' }]`. */
export function memberList(params: QueryParams, prefix: string): Record<string, string>[] {
  const members = new Map<number, Record<string, string>>();
  for (const [name, value] of params) {
    const match = new RegExp(`^${prefix.replace('.', '\\.')}\\.member\\.(\\d+)(?:\\.(\\w+))?$`).exec(name);
    if (!match) continue;
    const member = members.get(Number(match[1])) ?? {};
    member[match[2] ?? 'value'] = value;
    members.set(Number(match[1]), member);
  }
  return [...members.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

export function resultXml(
  service: QueryService,
  action: string,
  result: Record<string, unknown> | undefined,
  requestId: string,
): string {
  return builder.build({
    [`${action}Response`]: {
      '@_xmlns': NAMESPACES[service],
      ...(result ? { [`${action}Result`]: result } : {}),
      ResponseMetadata: { RequestId: requestId },
    },
  });
}

export function errorXml(service: QueryService, error: QueryError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return builder.build({
    ErrorResponse: {
      '@_xmlns': NAMESPACES[service],
      Error: { Type: type, Code: error.code, Message: error.message },
      RequestId: requestId,
    },
  });
}

/** XML lists: `{ Roles: members(roles) }` renders `<Roles><member>…</member>…</Roles>`. */
export function members<T>(items: T[]): { member: T[] } | '' {
  return items.length > 0 ? { member: items } : '';
}
