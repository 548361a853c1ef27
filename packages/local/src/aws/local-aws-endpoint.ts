import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultPlan } from '../iam/faults';
import { IAM_ACTIONS } from '../iam/iam-actions';
import { IamState, type LocalSession } from '../iam/iam-state';
import { errorXml, QueryError, type QueryService, resultXml } from '../iam/query-protocol';
import type { LocalService } from './local-service';
import { parseJson, sendJson, sendJsonError } from './json-protocol';
import { identifyCaller } from '../iam/identify-caller';
import { type CloudTrailRecord, cloudTrailRecord } from './cloudtrail-record';
import { LocalFederation } from './local-federation';
import { answerS3 } from './local-s3';
import { STS_ACTIONS } from '../iam/sts-actions';
import { guarded } from '../runtime/guarded-handler';

const VERSIONS: Record<string, QueryService> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };
const READ_ONLY = /^(Get|List)/;

export interface LocalAwsOptions {
  /** JSON file holding roles, policies, principals and sessions; in memory when absent. */
  stateFile?: string;
  port?: number;
  faults?: FaultPlan;
  clock?: () => Date;
  /** Other services on the same endpoint, by SigV4 signing name (`states`, `scheduler`, `events`, `ssm`). */
  services?: Record<string, LocalService>;
  /** Receives a CloudTrail record for every IAM, STS and S3 call made with a role session. */
  cloudTrail?: (record: CloudTrailRecord) => void;
}

export interface LocalAws {
  endpoint: string;
  state: IamState;
  faults: FaultInjector;
  close(): Promise<void>;
}

/**
 * The local AWS endpoint, one loopback port for every service, routed by the SigV4 credential scope's
 * service: IAM and STS (Query protocol), S3 reads (their authorization decision only: local-s3.ts), and the
 * JSON services passed in (Step Functions, Scheduler, EventBridge, SSM). Callers are identified by their
 * access key and signature, every call is authorized by policy simulation, faults can be injected per
 * action, and every call is counted.
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const state = new IamState(options.stateFile);
  const faults = new FaultInjector();
  faults.configure(options.faults);
  const clock = options.clock ?? (() => new Date());
  const federation = new LocalFederation(state);

  const server: Server = createServer(
    guarded(async (request, response) => {
      const requestId = randomUUID();
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://local');
      if (url.pathname === '/federation') return void federation.answer(url, clock(), response);
      if (signingService(request) === 's3')
        return void answerS3(state, request, body, clock(), response, options.cloudTrail);
      const other = options.services?.[signingService(request)];
      if (other) return void answerService(other, state, request, body, clock(), response);
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? '';
      const service = VERSIONS[params.get('Version') ?? ''] ?? 'iam';
      // CloudTrail records every call made with a role session, refused ones included.
      let trailed: LocalSession | undefined;
      const trail = (errorCode?: string) =>
        trailed &&
        options.cloudTrail?.(
          cloudTrailRecord({
            session: trailed,
            request,
            service,
            action,
            region: 'us-east-1',
            at: clock(),
            readOnly: READ_ONLY.test(action),
            ...(errorCode ? { errorCode } : {}),
          }),
        );
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
        trailed = caller.session;
        const fault = await faults.decide(action);
        if (fault === 'throttle') throw new QueryError(400, 'Throttling', 'Rate exceeded');
        if (fault === 'limit-exceeded')
          throw new QueryError(409, 'LimitExceeded', 'Cannot exceed quota for RolesPerAccount: 1000.');
        if (fault === 'error-before')
          throw new QueryError(500, 'ServiceFailure', 'Injected failure before the action took effect');
        const result = await handler({ state, caller, params, now: clock() });
        if (!READ_ONLY.test(action) || action === 'AssumeRole') {
          // Answered once on disk: a role AWS said it created is there after a kill -9.
          state.save();
          await state.durable();
        }
        if (fault === 'error-after')
          throw new QueryError(500, 'ServiceFailure', 'Injected failure after the action took effect');
        send(200, resultXml(service, action, result, requestId));
        trail();
      } catch (error) {
        const queryError =
          error instanceof QueryError ? error : new QueryError(500, 'ServiceFailure', String(error));
        send(queryError.status, errorXml(service, queryError, requestId));
        trail(queryError.code);
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
      state.close();
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
