import type { LocalDescription } from './local-broker';

/** What `npm start` prints: where everything listens and curl lines to paste one by one. */
export function quickStart(local: LocalDescription, home: string): string {
  const api = local.apiUrl;
  const json = `-H 'Content-Type: application/json'`;
  const body = JSON.stringify({
    principal: local.demoThirdParty.principalArn,
    profile: 's3-audit-read',
    parameters: { bucket: 'awsproduction345' },
    duration: 'PT2M',
    justification: 'Annual SOC 2 evidence collection by Example Consulting',
    requester: { id: 'dave', slackUserId: local.slack.requesterUserId },
    ticket: { system: 'jira', key: 'SEC-123' },
  });
  const pick = (field: string) => `node -pe "JSON.parse(require('fs').readFileSync(0,'utf8')).${field}"`;
  return `
access-broker is running locally (state in ${home}; Ctrl-C stops it, starting again resumes)

  API           ${api}        (OpenAPI: ${api}/v1/openapi.json)
  console       ${local.consoleUrl}${local.oidc ? `   (sign in as approver, admin or dave; password ${local.oidc.password})` : ''}
  AWS           ${local.awsEndpoint}   (IAM, STS, Step Functions, Scheduler, EventBridge, SSM)
  DynamoDB      ${local.dynamodbEndpoint}
  details       ${home}/local.json   Slack messages: ${home}/outbox.jsonl

Try it — paste these one by one:

  export BROKER_HOME=${home} API=${api} REQUESTER=${local.tokens.requester} APPROVER=${local.tokens.approver}

  # 1. A ticketing system asks for a two-minute audit grant for the demo third party (a retry with the
  #    same Idempotency-Key returns the same request; the key is new each time you paste this line)
  ID=$(curl -s -X POST $API/v1/requests -H "Authorization: Bearer $REQUESTER" ${json} -H "Idempotency-Key: SEC-123-$(date +%s)-$RANDOM" -d '${body}' | ${pick('id')}); echo $ID

  # 2. An approver approves it (or click "Approve" as Slack would: npm run slack-click -- $ID approve)
  curl -s -X POST $API/v1/requests/$ID/decision -H "Authorization: Bearer $APPROVER" ${json} -d '{"decision":"approve"}'

  # 3. Read the grant: role ARN, External ID, expiry, and a ready ~/.aws/config profile
  curl -s $API/v1/requests/$ID -H "Authorization: Bearer $REQUESTER"

  # 4. Assume the role as the demo third party (AWS SDK, against the local STS), with the right and a wrong External ID
  npm run assume-role -- $ID

  # 5. Two minutes later the role is gone: status REVOKED, and the trail says why
  curl -s $API/v1/requests/$ID/audit -H "Authorization: Bearer $REQUESTER"
${
  local.oidc
    ? `
People sign in at the local identity provider (${local.oidcIssuer}) as dave, approver, approver2, admin,
erin or oscar, password ${local.oidc.password}:

  npm run broker -- login            # prints a URL and a code; open it in a browser and sign in
  npm run broker -- whoami           # who the broker takes you for
  npm run broker -- logout
`
    : ''
}`;
}
