import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ActivityRecord } from '../api';

const COLORS = ['#1f5fad', '#8a3ffc', '#007d79', '#b28600', '#6f6f6f', '#d12771'];
const DENIED = '#c21b17';

/**
 * Calls over time, one line per service, in buckets sized to the span (about 60 of them); the denied calls
 * as red points on their own series, so a refusal stands out from the allowed traffic.
 */
function chartData(records: ActivityRecord[]) {
  const times = records.map((record) => Date.parse(record.at) / 1000);
  const start = Math.floor(Math.min(...times));
  const bucket = Math.max(1, Math.ceil((Math.max(...times) - start + 1) / 60));
  const count = Math.floor((Math.max(...times) - start) / bucket) + 1;
  const services = [...new Set(records.map((record) => record.service))].sort();
  const series = services.map(() => new Array<number>(count).fill(0));
  const denied = new Array<number | null>(count).fill(null);
  records.forEach((record, index) => {
    const slot = Math.floor((times[index]! - start) / bucket);
    series[services.indexOf(record.service)]![slot]! += 1;
    if (!record.allowed) denied[slot] = (denied[slot] ?? 0) + 1;
  });
  const xs = Array.from({ length: count }, (_, slot) => start + slot * bucket);
  return { services, data: [xs, ...series, denied] as uPlot.AlignedData, bucket };
}

export function ActivityChart({ records }: { records: ActivityRecord[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current || records.length === 0) return;
    const { services, data, bucket } = chartData(records);
    const plot = new uPlot(
      {
        width: Math.max(320, element.current.clientWidth),
        height: 220,
        // At least a minute across, centred on the calls: one burst of calls is a point, not a year-wide axis.
        scales: { x: { time: true, range: (_plot, min, max) => widen(min, max, bucket) } },
        axes: [{}, { label: `calls per ${bucket} s` }],
        series: [
          {},
          ...services.map((service, index) => ({
            label: service.replace('.amazonaws.com', ''),
            stroke: COLORS[index % COLORS.length]!,
            width: 2,
          })),
          { label: 'denied', stroke: DENIED, width: 0, points: { show: true, size: 9, fill: DENIED } },
        ],
      },
      data,
      element.current,
    );
    return () => plot.destroy();
  }, [records]);
  const denied = records.filter((record) => !record.allowed).length;
  return (
    <figure class="chart">
      <div ref={element} />
      <figcaption>
        {records.length} calls over time by service; {denied} denied (red points).
      </figcaption>
    </figure>
  );
}

function widen(min: number, max: number, bucket: number): uPlot.Range.MinMax {
  const pad = Math.max(bucket, (60 - (max - min)) / 2);
  return [min - pad, max + pad];
}
