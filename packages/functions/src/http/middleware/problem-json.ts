import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemFor } from '../problem-details';

/**
 * The only place errors become HTTP responses: problem+json, logged once, 5xx details hidden. A 401 on a
 * bearer-token route carries the challenge RFC 6750 asks for (`error="invalid_token"` when one was sent).
 */
export function problemJson(
  logger: Logger,
  options: { bearer: boolean },
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const problem = problemFor(request.error);
      if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
      else logger.info('request refused', { code: problem.code, status: problem.status });
      const challenge =
        problem.status === 401 && options.bearer
          ? `Bearer realm="access-broker"${request.event.headers?.authorization ? ', error="invalid_token"' : ''}`
          : undefined;
      request.response = {
        statusCode: problem.status,
        headers: {
          'content-type': 'application/problem+json',
          ...(challenge ? { 'www-authenticate': challenge } : {}),
        },
        body: JSON.stringify(problem),
      };
    },
  };
}
