import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalCredentials } from '@access-broker/local-aws';
import type { LocalDescription } from '../local-broker-types';
import type { LocalConfig } from './broker-config';

/**
 * local.json: where everything listens and who may call it (tokens, Slack ids and signing secret, the demo
 * third party's and the operator's keys, the sign-in, the console). The owner only: it holds secrets.
 */
export function describeBroker(
  home: string,
  { config, secrets, signIn }: LocalConfig,
  endpoints: { apiUrl: string; awsEndpoint: string; dynamodbEndpoint: string },
  principals: { demoThirdParty: LocalCredentials; operator: LocalCredentials },
): LocalDescription {
  // Each local token and the Slack id of the same name belong to one person (config/local.json `people`).
  const slackIdOf = (person: string) => config.people[person]?.slackUserIds[0] ?? '';
  // The console's address is known now that the API listens: its sign-in client comes to life with it.
  const consoleUrl = consoleUrlOf(endpoints.apiUrl);
  signIn.registerConsole(consoleUrl);
  const description: LocalDescription = {
    ...endpoints,
    consoleUrl,
    region: config.broker.region,
    tokens: secrets.tokens,
    slack: {
      signingSecret: secrets.slackSigningSecret,
      approverUserId: slackIdOf('approver'),
      approver2UserId: slackIdOf('approver2'),
      adminUserId: slackIdOf('admin'),
      requesterUserId: 'U0LOCALREQUESTER',
    },
    ...principals,
    ...signIn.describe(config),
  };
  writeFileSync(join(home, 'local.json'), JSON.stringify(description, null, 2), { mode: 0o600 });
  return description;
}

/** The web console: served by the API itself, on its origin (its sign-in redirect comes back here). */
const consoleUrlOf = (apiUrl: string) => `${apiUrl}/console`;
