import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemFor } from '../problem-details';

/** The only place errors become HTTP responses: problem+json, logged once, 5xx details hidden. */
export function problemJson(
  logger: Logger,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const problem = problemFor(request.error);
      if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
      else logger.info('request refused', { code: problem.code, status: problem.status });
      request.response = {
        statusCode: problem.status,
        headers: { 'content-type': 'application/problem+json' },
        body: JSON.stringify(problem),
      };
    },
  };
}
