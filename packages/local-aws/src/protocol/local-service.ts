import type { Caller } from '../iam/authorize';
import type { JsonBody } from './json-protocol';

/** One call to a local AWS service, after the gateway has identified (SigV4) who made it. */
export interface ServiceCall {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The operation of JSON-protocol services (`X-Amz-Target: AWSStepFunctions.StartExecution`). */
  operation: string;
  body: JsonBody;
  caller: Caller;
}

/** A local AWS service behind the gateway, keyed by its SigV4 signing name (`states`, `scheduler`, …). */
export interface LocalService {
  contentType: string;
  handle(call: ServiceCall): Promise<{ status?: number; body: unknown }>;
}
