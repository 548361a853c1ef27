import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CloudTrailRecord, cloudTrailRecord, type TrailedCaller } from '../cloudtrail/cloudtrail-record';
import type { Caller } from './authorize';
import { errorXml, QueryError, type QueryService, resultXml } from '../protocol/query-protocol';
import { STS_ACTIONS } from '../sts/sts-actions';
import type { Fault, FaultInjector } from './faults';
import { IAM_ACTIONS } from './iam-actions';
import { IAM_USER_ACTIONS } from './iam-user-actions';
import type { IamState } from './iam-state';
import { identifyCaller } from './identify-caller';

const VERSIONS: Record<string, QueryService> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };
const READ_ONLY = /^(Get|List)/;

interface QueryContext {
  state: IamState;
  faults: FaultInjector;
  clock: () => Date;
  cloudTrail?: ((record: CloudTrailRecord) => void) | undefined;
}

/**
 * One IAM or STS call (Query protocol): the caller identified by signature, the injected fault if any, the
 * action against the state (authorized inside it), made durable before it is answered, and a CloudTrail
 * record for every call made with a role session, refused ones included.
 */
export async function answerQuery(
  { state, faults, clock, cloudTrail }: QueryContext,
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
) {
  const requestId = randomUUID();
  const params = new URLSearchParams(body);
  const action = params.get('Action') ?? '';
  const service = VERSIONS[params.get('Version') ?? ''] ?? 'iam';
  // CloudTrail records every call made with a role session, refused ones included.
  let trailed: TrailedCaller | undefined;
  const trail = (errorCode?: string) =>
    trailed &&
    cloudTrail?.(
      cloudTrailRecord({
        caller: trailed,
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
    const handler =
      service === 'iam' ? (IAM_ACTIONS[action] ?? IAM_USER_ACTIONS[action]) : STS_ACTIONS[action];
    if (!handler)
      throw new QueryError(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${params.get('Version')}`,
      );
    faults.count(action);
    const caller = await identifyCaller(state, request, body, clock());
    trailed = trailedCaller(state, caller);
    const fault = await faults.decide(action);
    failBefore(fault);
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
}

/** A role session, or an access-key vendor's key user (under the broker's path): what CloudTrail reports. */
function trailedCaller(state: IamState, caller: Caller): TrailedCaller | undefined {
  if (caller.session) return { session: caller.session };
  const keyUser = caller.user?.userName ? state.iamUser(caller.accountId, caller.user.userName) : undefined;
  return keyUser?.path === '/access-broker/'
    ? { user: keyUser, accessKeyId: caller.user!.accessKeyId }
    : undefined;
}

/** An injected fault that strikes before the action takes effect, as AWS would answer it. */
function failBefore(fault: Fault | undefined) {
  if (fault === 'throttle') throw new QueryError(400, 'Throttling', 'Rate exceeded');
  if (fault === 'limit-exceeded')
    throw new QueryError(409, 'LimitExceeded', 'Cannot exceed quota for RolesPerAccount: 1000.');
  if (fault === 'error-before')
    throw new QueryError(500, 'ServiceFailure', 'Injected failure before the action took effect');
}
