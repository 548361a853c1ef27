/**
 * ISO-8601 durations as grants use them: weeks, days, hours, minutes, seconds. Years and months are refused
 * because their length depends on the calendar, which makes an expiry ambiguous.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDurationSeconds(input: string): number | { reason: string } {
  if (input.startsWith('-')) return { reason: 'must be positive' };
  if (/[YM]/.test(input.split('T')[0] ?? '')) {
    return { reason: 'years and months are not allowed (their length varies); use days or hours' };
  }
  const match = DURATION.exec(input);
  if (!match || input === 'P' || input.endsWith('T')) {
    return { reason: 'must be an ISO-8601 duration such as PT2H or P1DT12H' };
  }
  const [w, d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const seconds = w * 604_800 + d * 86_400 + h * 3_600 + m * 60 + s;
  if (!Number.isSafeInteger(seconds)) return { reason: 'is too large' };
  if (seconds <= 0) return { reason: 'must be longer than zero' };
  return seconds;
}

/** For config values, which are trusted to be well-formed once the schema has accepted them. */
export function durationSeconds(input: string): number {
  const parsed = parseDurationSeconds(input);
  if (typeof parsed !== 'number') throw new TypeError(`${input} ${parsed.reason}`);
  return parsed;
}

export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  const formatted = `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
  return formatted === 'P' ? 'PT0S' : formatted;
}

/** A duration as people say it: 7200 → "2 hours", 129600 → "1 day 12 hours". */
export function describeDuration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.slice(0, 2).join(' ') || '0 seconds';
}
