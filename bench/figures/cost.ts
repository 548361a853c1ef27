import type { LocalBroker } from '@access-broker/local';
import { activeGrants, startBench, waitUntil } from './broker';
import { type Figure, median, round } from './measure';

// List prices, us-east-1, November 2026 (per unit). Stated here so the figure can be checked and updated.
const PRICE = {
  stepFunctionsTransition: 0.025 / 1_000,
  lambdaRequest: 0.2 / 1_000_000,
  lambdaArmGbSecond: 0.0000133334,
  dynamoWriteUnit: 0.625 / 1_000_000,
  dynamoReadUnit: 0.125 / 1_000_000,
  eventBridgeEvent: 1 / 1_000_000,
  schedulerInvocation: 1 / 1_000_000,
  httpApiRequest: 1 / 1_000_000,
};
const LAMBDA_GB = 0.5; // the stack's 512 MB
// AWS TEAM's approval state machine: 20–26 Standard transitions on its happy path.
const TEAM_TRANSITIONS = [20, 26];

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
const usd = (value: number) => `$${value.toFixed(3)}`;

/**
 * What a grant's whole life costs in AWS, from operations counted in the local runtime: create and approve
 * over the API, provision, expire by its schedule, publish its events. IAM, SSM standard parameters and
 * Slack are free; CloudWatch Logs and the fixed-rate timers (sweeper, reconciler) are left out.
 */
export async function costFigures(grants: number): Promise<Figure[]> {
  // Timers an hour apart: only the grants' own work is counted.
  const bench = await startBench(3_600_000);
  try {
    const { broker, dynamodbMeter: meter } = bench;
    meter.reset();
    broker.lambda.invocations.clear();
    broker.lambda.busyMs.clear();
    const eventsBefore = broker.events.length;
    const ids = await activeGrants(bench, grants, 'PT2S');
    await waitUntil('every expiry', async () =>
      (await Promise.all(ids.map((id) => broker.store.get(id)))).every(
        (record) => record?.status === 'REVOKED',
      ),
    );
    await broker.eventsDelivered();
    await broker.stepFunctions.settled();

    const per = (value: number) => value / grants;
    const counted = {
      transitions: per(sum(ids.map((id) => broker.stepFunctions.transitions.get(id) ?? 0))),
      invocations: per(sum(broker.lambda.invocations.values())),
      gbSeconds: per((sum(broker.lambda.busyMs.values()) / 1000) * LAMBDA_GB),
      writeUnits: per(meter.writeUnits + meter.indexWriteUnits),
      indexWriteUnits: per(meter.indexWriteUnits),
      readUnits: per(meter.readUnits),
      events: per(broker.events.length - eventsBefore),
      schedulerInvocations: per(broker.lambda.invocations.get('expire') ?? 0),
      // The ticketing system's create and the approver's decision.
      apiRequests: 2,
    };
    const parts = {
      'Step Functions': counted.transitions * PRICE.stepFunctionsTransition,
      'Lambda requests': counted.invocations * PRICE.lambdaRequest,
      'Lambda compute': counted.gbSeconds * PRICE.lambdaArmGbSecond,
      DynamoDB: counted.writeUnits * PRICE.dynamoWriteUnit + counted.readUnits * PRICE.dynamoReadUnit,
      EventBridge: counted.events * PRICE.eventBridgeEvent,
      Scheduler: counted.schedulerInvocations * PRICE.schedulerInvocation,
      'API Gateway': counted.apiRequests * PRICE.httpApiRequest,
    };
    const perThousand = sum(Object.values(parts)) * 1000;
    const breakdown = Object.entries(parts)
      .filter(([, cost]) => cost * 1000 >= 0.0005)
      .sort(([, a], [, b]) => b - a)
      .map(([part, cost]) => `${part} ${usd(cost * 1000)}`)
      .join(', ');
    return [coldPathFigure(broker), ...grantCostFigures(grants, counted, perThousand, breakdown)];
  } finally {
    await bench.close();
  }
}

/** Every function this fresh runtime ran started cold: its first invocation is its cold path. */
function coldPathFigure(broker: LocalBroker): Figure {
  const cold = [...broker.lambda.coldPathMs.entries()].sort((a, b) => b[1] - a[1]);
  return {
    figure: `Cold path, first invocation: worker start + module init + first request (${cold.length} functions, local AWS)`,
    measured: `max ${round(cold[0]![1])} ms (${cold[0]![0]}), median ${round(median(cold.map(([, ms]) => ms)))} ms`,
    target: 'report',
    values: Object.fromEntries(cold.map(([name, ms]) => [name, round(ms)])),
  };
}

function grantCostFigures(
  grants: number,
  counted: Record<
    'writeUnits' | 'indexWriteUnits' | 'readUnits' | 'transitions' | 'invocations' | 'events',
    number
  >,
  perThousand: number,
  breakdown: string,
): Figure[] {
  const team = TEAM_TRANSITIONS.map((transitions) => transitions * PRICE.stepFunctionsTransition * 1000);
  return [
    {
      figure: `DynamoDB write units per grant, indexes included (${grants} grants, whole life)`,
      measured: `${round(counted.writeUnits, 1)} (indexes ${round(counted.indexWriteUnits, 1)}); read units ${round(counted.readUnits, 1)}`,
      target: '≤ 50',
      ok: counted.writeUnits <= 50,
      values: {
        writeUnits: round(counted.writeUnits, 1),
        indexWriteUnits: round(counted.indexWriteUnits, 1),
        readUnits: round(counted.readUnits, 1),
      },
    },
    {
      figure: `Cost per 1,000 grants at list prices (${round(counted.transitions, 1)} transitions, ${round(counted.invocations, 1)} invocations, ${round(counted.events, 1)} events per grant)`,
      measured: `${usd(perThousand)}: ${breakdown}; AWS TEAM's transitions alone ${usd(team[0]!)}–${usd(team[1]!)}`,
      target: '≤ $0.20',
      ok: perThousand <= 0.2,
      values: {
        usdPerThousand: round(perThousand, 4),
        ...Object.fromEntries(Object.entries(counted).map(([key, value]) => [key, round(value, 2)])),
      },
    },
  ];
}
