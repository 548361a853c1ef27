import '../runtime/sdk-node-notice';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signSlackBody } from '@access-broker/functions';
import { readLocalDescription } from './local-description';

// Usage: npm run slack-click -- <request id> approve|deny [slack user id]. Sends what Slack sends on a click.
const [id, action = 'approve', user] = process.argv.slice(2);
if (!id || !['approve', 'deny'].includes(action)) {
  console.error('usage: npm run slack-click -- <request id> approve|deny [slack user id]');
  process.exit(2);
}
const local = readLocalDescription();
// Slack sends back exactly what the message's button carried: the latest message about this request.
const outbox = readFileSync(join(resolve(process.env.BROKER_HOME ?? '.broker'), 'outbox.jsonl'), 'utf8');
const value = outbox
  .split('\n')
  .filter((line) => line.includes(`"value":"${id}:`))
  .map((line) => /"value":"([0-9a-z]+:[0-9a-z-]+)"/.exec(line)?.[1])
  .at(-1);
if (!value) {
  console.error(`no approval message with buttons for ${id} in the outbox: is it waiting for a decision?`);
  process.exit(3);
}
const payload = {
  type: 'block_actions',
  user: { id: user ?? local.slack.approverUserId },
  actions: [{ action_id: action, value }],
};
const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const headers = signSlackBody(local.slack.signingSecret, body, Math.floor(Date.now() / 1000));
const response = await fetch(`${local.apiUrl}/slack/interactions`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body,
});
console.log(
  `Slack interaction → ${response.status}; see the broker's console or .broker/outbox.jsonl for the message update`,
);
