import type { AwsAuthority } from '../iam/aws-authority';
import { AwsJsonError } from '../protocol/json-protocol';
import type { LocalService, ServiceCall } from '../protocol/local-service';

/** SSM Parameter Store's GetParameter, for the secrets `sst secrets set` would have stored. */
export class LocalSsm implements LocalService {
  readonly contentType = 'application/x-amz-json-1.1';
  private readonly parameters = new Map<string, string>();

  constructor(private readonly authority: AwsAuthority) {}

  put(name: string, value: string) {
    this.parameters.set(name, value);
  }

  async handle({ operation, body, caller }: ServiceCall) {
    if (operation !== 'GetParameter') throw new AwsJsonError(400, 'UnknownOperationException', operation);
    const name = String(body.Name ?? '');
    const arn = this.authority.arn('ssm', `parameter${name.startsWith('/') ? '' : '/'}${name}`);
    await this.authority.authorize(caller, { action: 'ssm:GetParameter', resource: arn });
    const value = this.parameters.get(name);
    if (value === undefined) throw new AwsJsonError(400, 'ParameterNotFound', `Parameter ${name} not found.`);
    return { body: { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1, ARN: arn } } };
  }
}
