import { signSlackBody } from '@access-broker/functions';
import { readLocalDescription } from './local-description';

// Usage: npm run slack-click -- <request id> approve|deny [slack user id]. Sends what Slack sends on a click.
const [id, action = 'approve', user] = process.argv.slice(2);
if (!id || !['approve', 'deny'].includes(action)) {
  console.error('usage: npm run slack-click -- <request id> approve|deny [slack user id]');
  process.exit(2);
}
const local = readLocalDescription();
const payload = {
  type: 'block_actions',
  user: { id: user ?? local.slack.approverUserId },
  actions: [{ action_id: action, value: id }],
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
