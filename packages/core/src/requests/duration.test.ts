import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationSeconds } from './duration';

describe('parseDurationSeconds', () => {
  it.each([
    ['PT10S', 10],
    ['PT15M', 900],
    ['PT2H', 7200],
    ['P1DT12H', 129_600],
    ['P1W', 604_800],
    ['PT1H30M5S', 5405],
  ])('reads %s as %i seconds', (input, seconds) => {
    expect(parseDurationSeconds(input)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', 'PT1.5H', '2h', 'P1Y', 'P2M', 'T1H', '-PT1H', 'PT0S', `PT${'9'.repeat(30)}S`])(
    'refuses %j',
    (input) => {
      expect(typeof parseDurationSeconds(input)).toBe('object');
    },
  );

  it('round-trips through formatDuration', () => {
    for (const seconds of [1, 59, 60, 3600, 3661, 86_400, 129_600]) {
      expect(parseDurationSeconds(formatDuration(seconds))).toBe(seconds);
    }
  });
});
