import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ActivityRecord } from '../api';
import { activityBuckets } from '../activity-buckets';
import { count } from '../format';

const COLORS = ['#1f5fad', '#8a3ffc', '#007d79', '#b28600', '#6f6f6f', '#d12771'];
const DENIED = '#c21b17';

export function ActivityChart({ records }: { records: ActivityRecord[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current || records.length === 0) return;
    const { services, xs, counts, denied, bucket } = activityBuckets(records);
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
      [xs, ...counts, denied] as uPlot.AlignedData,
      element.current,
    );
    return () => plot.destroy();
  }, [records]);
  const denied = records.filter((record) => !record.allowed).length;
  return (
    <figure class="chart">
      <div ref={element} />
      <figcaption>
        {count(records.length, 'call')} over time by service; {denied} denied (red points).
      </figcaption>
    </figure>
  );
}

function widen(min: number, max: number, bucket: number): uPlot.Range.MinMax {
  const pad = Math.max(bucket, (60 - (max - min)) / 2);
  return [min - pad, max + pad];
}
