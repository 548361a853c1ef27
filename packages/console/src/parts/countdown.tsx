import { useEffect, useState } from 'preact/hooks';
import { span } from '../format';

/** Time left until `until`, ticking every second; `done` once it has passed. */
export function Countdown({ until, done }: { until: string; done: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(until) - now;
  return (
    <time dateTime={until} class="countdown">
      {left > 0 ? `${span(left)} left` : done}
    </time>
  );
}
