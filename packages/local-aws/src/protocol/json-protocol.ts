import type { ServerResponse } from 'node:http';
import { QueryError } from './query-protocol';

/** An AWS JSON-protocol error (`__type` + message), as the SDK's deserializers read it. */
export class AwsJsonError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }

  static from(error: unknown): AwsJsonError {
    if (error instanceof AwsJsonError) return error;
    if (error instanceof QueryError) {
      const type = {
        InvalidClientTokenId: 'UnrecognizedClientException',
        AccessDenied: 'AccessDeniedException',
      }[error.code];
      return new AwsJsonError(error.status, type ?? error.code, error.message);
    }
    return new AwsJsonError(500, 'InternalServerError', String(error));
  }
}

export function sendJson(response: ServerResponse, status: number, payload: unknown, contentType: string) {
  response.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() });
  response.end(JSON.stringify(payload ?? {}));
}

export function sendJsonError(response: ServerResponse, error: unknown, contentType: string) {
  const json = AwsJsonError.from(error);
  response.writeHead(json.status, {
    'content-type': contentType,
    'x-amzn-errortype': json.type,
    'x-amzn-requestid': crypto.randomUUID(),
  });
  response.end(JSON.stringify({ __type: json.type, message: json.message, Message: json.message }));
}

/** A JSON-protocol request body: wire data, read field by field by each operation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- AWS wire shapes; each service reads what it needs
export type JsonBody = Record<string, any>;

export function parseJson(body: string): JsonBody {
  try {
    return body ? (JSON.parse(body) as JsonBody) : {};
  } catch {
    throw new AwsJsonError(400, 'SerializationException', 'the request body is not JSON');
  }
}
