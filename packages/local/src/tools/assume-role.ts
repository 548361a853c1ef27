import '../runtime/sdk-node-notice';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { readLocalDescription } from './local-description';

// Usage: npm run assume-role -- <request id>. Plays the third party: reads the grant, assumes the role.
const id = process.argv[2];
if (!id) {
  console.error('usage: npm run assume-role -- <request id>');
  process.exit(2);
}
const local = readLocalDescription();
const response = await fetch(`${local.apiUrl}/v1/requests/${id}`, {
  headers: { authorization: `Bearer ${local.tokens.requester}` },
});
const request = (await response.json()) as {
  status: string;
  grant?: { roleArn: string; externalId?: string; expiresAt: string; usableFrom?: string };
};
if (!request.grant) {
  console.error(`request ${id} is ${request.status}: no active grant to assume`);
  process.exit(1);
}
const { roleArn, externalId, expiresAt } = request.grant;
if (!externalId) {
  console.error(`the requester token may not see the External ID of ${id}`);
  process.exit(1);
}
const sts = new STSClient({
  region: local.region,
  endpoint: local.awsEndpoint,
  credentials: local.demoThirdParty,
});
const assume = (ExternalId: string) =>
  sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'audit', ExternalId }));

const wrong = await assume(`${externalId}-guess`).then(
  () => 'allowed (!)',
  (error: Error) => `${error.name}`,
);
console.log(`with a wrong External ID: ${wrong}`);
const { Credentials } = await assume(externalId);
const session = new STSClient({
  region: local.region,
  endpoint: local.awsEndpoint,
  credentials: {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!,
  },
});
const identity = await session.send(new GetCallerIdentityCommand({}));
// STS issues an hour-long session whatever the grant; the role's own policy denies everything after expiresAt.
const ends = new Date(Math.min(Date.parse(expiresAt), Credentials!.Expiration!.getTime()));
console.log(`with the grant's External ID: assumed ${identity.Arn}, usable until ${ends.toISOString()}`);
