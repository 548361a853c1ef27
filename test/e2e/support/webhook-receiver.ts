import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/**
 * A vendor's webhook endpoint on loopback. It refuses the first delivery of each message with a 503, as a
 * vendor's endpoint sometimes will, so every test also sees the broker retry with the same webhook-id.
 */
export async function startWebhookReceiver() {
  const received: Delivery[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const answered = seen.has(id) ? 204 : 503;
      seen.add(id);
      received.push({ path: req.url ?? '', headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    /** The deliveries the vendor at `path` accepted, each verified against its webhook secret (or it throws). */
    accepted(path: string, secret: string) {
      return received
        .filter((delivery) => delivery.path === path && delivery.answered === 204)
        .map((delivery) => ({
          id: delivery.headers['webhook-id'],
          payload: new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
            type: string;
            data: Record<string, unknown>;
          },
        }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
