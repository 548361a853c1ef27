import type { FieldIssue } from '../errors';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';
export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** The third party, as the trust policy names it: always one exact ARN. */
export interface Principal {
  arn: string;
  accountId: string;
  partition: Partition;
  kind: 'account' | 'role' | 'user';
}

const ACCOUNT_ID = /^\d{12}$/;
// IAM: path is `/` or `/segment/.../` of printable ASCII (no `*`), up to 512 chars; names are [\w+=,.@-]{1,64}.
const ENTITY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(role|user)((?:\/[\x21-\x29\x2B-\x2E\x30-\x7E]+)*)\/([\w+=,.@-]{1,64})$/;
const ROOT_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):root$/;

/**
 * Accepts a 12-digit account id (becomes `arn:<partition>:iam::<id>:root`) or an exact IAM role or user ARN.
 * Wildcards, service principals, session ARNs and anything outside ASCII are refused: a trust policy must
 * name exactly one known principal.
 */
export function parsePrincipal(
  input: string,
  defaultPartition: Partition,
): { principal: Principal } | { issue: FieldIssue } {
  const fail = (reason: string) => ({ issue: { field: 'principal', reason } });
  if (input.includes('*') || input.includes('?'))
    return fail('wildcards are not allowed; name one exact principal');
  if (/[^\x21-\x7E]/.test(input))
    return fail('must be plain ASCII without spaces (look-alike characters are refused)');
  if (/\.amazonaws\.com(\.cn)?$/.test(input) || /^[a-z0-9-]+\.[a-z.]+$/.test(input)) {
    return fail('service principals are not allowed; name the third party account or IAM role/user ARN');
  }
  if (ACCOUNT_ID.test(input)) {
    return {
      principal: {
        arn: `arn:${defaultPartition}:iam::${input}:root`,
        accountId: input,
        partition: defaultPartition,
        kind: 'account',
      },
    };
  }
  if (/^\d+$/.test(input)) return fail('an account id has exactly 12 digits');
  const root = ROOT_ARN.exec(input);
  if (root)
    return {
      principal: { arn: input, accountId: root[2]!, partition: root[1] as Partition, kind: 'account' },
    };
  if (input.startsWith('arn:') && input.includes(':assumed-role/')) {
    return fail('session (assumed-role) ARNs are not allowed; name the IAM role ARN instead');
  }
  const entity = ENTITY_ARN.exec(input);
  if (!entity) {
    return fail(
      'must be a 12-digit account id or an IAM role/user ARN (arn:aws|aws-cn|aws-us-gov:iam::<account>:role|user/...)',
    );
  }
  const path = entity[4] ?? '';
  if (path.length + 1 > 512) return fail('the ARN path is longer than IAM allows (512)');
  return {
    principal: {
      arn: input,
      accountId: entity[2]!,
      partition: entity[1] as Partition,
      kind: entity[3] as 'role' | 'user',
    },
  };
}
