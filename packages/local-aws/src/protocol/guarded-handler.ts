import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A loopback server's request handler that can never take the process down: a malformed or cut-short request
 * (or a bug) becomes an error response on that one connection, and every other client carries on.
 */
export function guarded(
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  onError: (error: unknown) => void = () => undefined,
) {
  return (request: IncomingMessage, response: ServerResponse) => {
    handler(request, response).catch((error: unknown) => {
      onError(error);
      if (response.headersSent || response.destroyed) return void response.destroy();
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Bad request' }));
    });
  };
}
