import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerQuery } from './iam/answer-query';
import { FaultInjector, type FaultPlan } from './iam/faults';
import { IamState } from './iam/iam-state';
import type { LocalService } from './protocol/local-service';
import { parseJson, sendJson, sendJsonError } from './protocol/json-protocol';
import { identifyCaller } from './iam/identify-caller';
import type { CloudTrailRecord } from './cloudtrail/cloudtrail-record';
import { LocalFederation } from './sts/local-federation';
import { answerS3 } from './s3/local-s3';
import { guarded } from './protocol/guarded-handler';

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
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://local');
      if (url.pathname === '/federation') return void federation.answer(url, clock(), response);
      if (signingService(request) === 's3')
        return void answerS3(state, request, body, clock(), response, options.cloudTrail);
      const other = options.services?.[signingService(request)];
      if (other) return void answerService(other, state, request, body, clock(), response);
      await answerQuery({ state, faults, clock, cloudTrail: options.cloudTrail }, request, body, response);
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
