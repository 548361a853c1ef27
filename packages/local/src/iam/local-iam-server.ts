import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultPlan } from './faults';
import { IAM_ACTIONS } from './iam-actions';
import { IamState } from './iam-state';
import { errorXml, QueryError, type QueryService, resultXml } from './query-protocol';
import type { LocalService } from '../aws/local-service';
import { parseJson, sendJson, sendJsonError } from '../aws/json-protocol';
import { identifyCaller } from './identify-caller';
import { s3Authorization } from './s3-authorization';
import { STS_ACTIONS } from './sts-actions';
import { guarded } from '../runtime/guarded-handler';

const VERSIONS: Record<string, QueryService> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };
const READ_ONLY = /^(Get|List)/;

export interface LocalIamOptions {
  /** JSON file holding roles, policies, principals and sessions; in memory when absent. */
  stateFile?: string;
  port?: number;
  faults?: FaultPlan;
  clock?: () => Date;
  /** Other services on the same endpoint, by SigV4 signing name (`states`, `scheduler`, `events`, `ssm`). */
  services?: Record<string, LocalService>;
}

export interface LocalIam {
  endpoint: string;
  state: IamState;
  faults: FaultInjector;
  close(): Promise<void>;
}

/**
 * The local AWS endpoint: IAM and STS, S3 reads, and the services passed in, on one loopback endpoint; speaking the Query protocol to the real SDK clients: callers are
 * identified by their SigV4 access key (and the signature checked), every call is authorized by policy
 * simulation, faults can be injected per action, and every call is counted.
 */
export async function startLocalIam(options: LocalIamOptions = {}): Promise<LocalIam> {
  const state = new IamState(options.stateFile);
  const faults = new FaultInjector();
  faults.configure(options.faults);
  const clock = options.clock ?? (() => new Date());

  const server: Server = createServer(
    guarded(async (request, response) => {
      const requestId = randomUUID();
      const body = await readBody(request);
      if (isS3(request)) return void answerS3(state, request, body, clock(), response);
      const other = options.services?.[signingService(request)];
      if (other) return void answerService(other, state, request, body, clock(), response);
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? '';
      const service = VERSIONS[params.get('Version') ?? ''] ?? 'iam';
      const send = (status: number, xml: string) => {
        response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        response.end(xml);
      };
      try {
        const handler = service === 'iam' ? IAM_ACTIONS[action] : STS_ACTIONS[action];
        if (!handler)
          throw new QueryError(
            400,
            'InvalidAction',
            `Could not find operation ${action} for version ${params.get('Version')}`,
          );
        faults.count(action);
        const caller = await identifyCaller(state, request, body, clock());
        const fault = await faults.decide(action);
        if (fault === 'throttle') throw new QueryError(400, 'Throttling', 'Rate exceeded');
        if (fault === 'error-before')
          throw new QueryError(500, 'ServiceFailure', 'Injected failure before the action took effect');
        const result = await handler({ state, caller, params, now: clock() });
        if (!READ_ONLY.test(action) || action === 'AssumeRole') state.save();
        if (fault === 'error-after')
          throw new QueryError(500, 'ServiceFailure', 'Injected failure after the action took effect');
        send(200, resultXml(service, action, result, requestId));
      } catch (error) {
        const queryError =
          error instanceof QueryError ? error : new QueryError(500, 'ServiceFailure', String(error));
        send(queryError.status, errorXml(service, queryError, requestId));
      }
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    faults,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isS3(request: IncomingMessage): boolean {
  return /\/\d{8}\/[^/]+\/s3\/aws4_request/.test(String(request.headers.authorization ?? ''));
}

async function answerS3(
  state: IamState,
  request: IncomingMessage,
  body: string,
  now: Date,
  response: ServerResponse,
) {
  let result: { status: number; body: string };
  try {
    result = await s3Authorization(state, await identifyCaller(state, request, body, now), request, now);
  } catch (error) {
    const code = error instanceof QueryError ? error.code : 'InternalError';
    result = {
      status: error instanceof QueryError ? error.status : 500,
      body: `<Error><Code>${code}</Code><Message>${code}</Message></Error>`,
    };
  }
  response.writeHead(result.status, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() });
  response.end(request.method === 'HEAD' ? undefined : result.body);
}

function signingService(request: IncomingMessage): string {
  return /\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
}

/** A JSON or REST-JSON service: identify the signer, then let the service authorize and answer. */
async function answerService(
  service: LocalService,
  state: IamState,
  request: IncomingMessage,
  body: string,
  now: Date,
  response: ServerResponse,
) {
  try {
    const caller = await identifyCaller(state, request, body, now);
    const url = new URL(request.url ?? '/', 'http://local');
    const result = await service.handle({
      method: request.method ?? 'POST',
      path: url.pathname,
      query: url.searchParams,
      operation:
        String(request.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '',
      body: parseJson(body),
      caller,
    });
    sendJson(response, result.status ?? 200, result.body, service.contentType);
  } catch (error) {
    sendJsonError(response, error, service.contentType);
  }
}
