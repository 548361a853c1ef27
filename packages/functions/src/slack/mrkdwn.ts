/**
 * Slack's mrkdwn, safely: every user-supplied string escaped (`&`, `<`, `>`: no mentions such as <!channel>,
 * no forged links) and flattened to one line where it is one value, then fitted to Slack's limits with an
 * ellipsis — without cutting an escape sequence in half.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack's limits (Block Kit reference): a section's text and each of its fields. */
export const SLACK_LIMITS = { sectionText: 3000, field: 2000, messageText: 4000 } as const;
const ELLIPSIS = '…';

/** `raw` escaped, cut to at most `limit` characters with an ellipsis when it had to be cut. */
export function fitEscaped(raw: string, limit: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= limit) return escaped;
  let cut = Math.min(raw.length, limit);
  while (cut > 0 && escapeMrkdwn(raw.slice(0, cut)).length + ELLIPSIS.length > limit) cut--;
  return escapeMrkdwn(raw.slice(0, cut)) + ELLIPSIS;
}

/** One value on one line: newlines in it could otherwise fake fields of their own. */
export function oneLine(raw: string): string {
  return raw.replace(/\s+/g, ' ');
}

/** A field: a bold title and its value, within the field limit. */
export function field(title: string, value: string): { type: 'mrkdwn'; text: string } {
  const head = `*${title}*\n`;
  return { type: 'mrkdwn', text: head + fitEscaped(value, SLACK_LIMITS.field - head.length) };
}

/**
 * A link whose label is user text: kept as a link when the URL is a plain http(s) URL that fits, else the
 * label alone (a URL with `|` or `>` in it could break out of the link and forge text).
 */
export function link(url: string | undefined, label: string, limit: number): string {
  const text = fitEscaped(oneLine(label), Math.min(limit, 200));
  if (!url || !/^https?:\/\/[^\s<>|]+$/.test(url)) return text;
  const linked = `<${url}|${text}>`;
  return linked.length <= limit ? linked : text;
}
