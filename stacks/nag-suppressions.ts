import type { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag AwsSolutions finding the broker accepts, each narrowed with `appliesTo` where the rule is
 * granular, and each with the reason it is right for this design. Anything not listed fails `npm test`.
 */
export function applyNagSuppressions(stack: Stack, boundary: IConstruct) {
  NagSuppressions.addResourceSuppressions(boundary, [
    {
      id: 'AwsSolutions-IAM5',
      reason:
        "A permissions boundary is a ceiling, not a grant: its Allow */* only intersects each grant role's own least-privilege policy, and its explicit denies (IAM, Organizations, account, role chaining) are the point.",
      appliesTo: ['Action::*', 'Resource::*'],
    },
  ]);
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: 'AwsSolutions-IAM4',
      reason:
        'AWSLambdaBasicExecutionRole only lets a function create and write its own CloudWatch log streams; CDK attaches it to every function role.',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        "Wildcard-only actions (Service Authorization Reference): X-Ray trace segments (tracing is active), states:SendTaskSuccess/SendTaskFailure (the task token is the capability), iam:ListRoles (the reconciler filters by path), iam:GetAccountSummary (admission reads the role count and quota), and the state machine's vended log delivery. " +
        "Scoped wildcards: this table's own GSIs; grant roles under the /access-broker/ path (CreateRole also requires the boundary); one expiry schedule per grant in this stage's schedule group; iam:GetRole (read-only) on every role of the home account for the external access inventory, which must read roles the broker did not make.",
      appliesTo: [
        'Resource::*',
        { regex: '/^Resource::<GrantsTable[0-9A-F]+\\.Arn>\\/index\\/\\*$/g' },
        { regex: '/^Resource::arn:[^:]+:iam::\\d{12}:role\\/access-broker\\/\\*$/g' },
        { regex: '/^Resource::arn:[^:]+:scheduler:[a-z0-9-]+:\\d{12}:schedule\\/[^/]+\\/\\*$/g' },
        { regex: '/^Resource::arn:[^:]+:iam::\\d{12}:role\\/\\*$/g' },
      ],
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'The functions target the Lambda nodejs22.x runtime on purpose (DESIGN.md "Deploy"; the code is kept valid on Node 20 and 22). The SST custom resource handler\'s runtime is chosen by SST.',
    },
    {
      id: 'AwsSolutions-SQS3',
      reason:
        "These queues are themselves the dead-letter queues: the expiry schedules' target DLQ and the outbox stream consumer's on-failure destination. Both raise an alarm on the first message.",
    },
    {
      id: 'AwsSolutions-APIG4',
      reason:
        'Every route authorizes in its function: bearer tokens against SHA-256 hashes with per-route scopes, Slack interactions by their v0 signature; /healthz and /v1/openapi.json are public by design.',
    },
  ]);
}
