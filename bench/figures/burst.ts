import { startBench, waitUntil } from './broker';
import { type Figure, percentile, round } from './measure';

const TARGET_P99_MS = 10_000;

/**
 * Many grants expiring in the same minute: all are filed at once (a profile that auto-approves, so no human
 * paces them), become ACTIVE together, and expire together. Reported: expiresAt → role gone, p50 and p99, and
 * how many grants a second the teardown kept up with. The broker must not be the bottleneck; only IAM may.
 */
export async function burstExpiryLag(grants: number, duration: string): Promise<Figure> {
  const bench = await startBench(5_000);
  try {
    const { tokens } = bench.broker.description;
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = next++; i < grants; i = next++) {
          const { id } = await bench.api('POST', '/v1/requests', tokens.requester, {
            principal: 'arn:aws:iam::111122223333:role/ThirdPartyAuditor',
            profile: 'security-audit',
            duration,
            justification: 'burst benchmark',
            requester: { id: 'bench' },
            ticket: { system: 'bench', key: `BURST-${i}` },
          });
          ids.push(id);
        }
      }),
    );
    const ended = async () => {
      const records = await Promise.all(ids.map((id) => bench.broker.store.get(id)));
      return records.every((record) => record?.status === 'REVOKED') ? records : undefined;
    };
    await waitUntil('every grant to end', async () => Boolean(await ended()), 300_000);
    const records = (await ended())!;
    const expiries = records.map((record) => Date.parse(record!.expiresAt!));
    const lags = records.map(
      (record) => Date.parse(record!.revocation!.completedAt!) - Date.parse(record!.expiresAt!),
    );
    const spread = Math.max(...expiries) - Math.min(...expiries);
    const lastGone = Math.max(...records.map((record) => Date.parse(record!.revocation!.completedAt!)));
    const perSecond = grants / ((lastGone - Math.min(...expiries)) / 1000);
    const p99 = percentile(lags, 99);
    return {
      figure: `Expiry lag in a burst: ${grants} grants expiring within ${round(spread / 1000, 1)} s`,
      measured: `p50 ${round(percentile(lags, 50))} ms, p99 ${round(p99)} ms; ${round(perSecond, 1)} grants/s torn down`,
      target: `p99 ≤ ${TARGET_P99_MS} ms`,
      ok: p99 <= TARGET_P99_MS,
      values: {
        grants,
        spreadMs: spread,
        p50Ms: round(percentile(lags, 50)),
        p99Ms: round(p99),
        grantsPerSecond: round(perSecond, 1),
      },
    };
  } finally {
    await bench.close();
  }
}
