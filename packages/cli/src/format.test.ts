/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from './api-client';
import { csvCell } from './commands/evidence/activity';
import { humanDuration, humanSeconds, printAudit, safeJson, shown } from './format';

describe('what the CLI shows of what others typed', () => {
  it('never lets a control character reach the terminal raw', () => {
    const hostile = 'fine\u001b[2J\u001b]0;pwned\u0007\r\u009b31m\u2028';
    expect(shown(hostile)).toBe('fine\\u001b[2J\\u001b]0;pwned\\u0007\\u000d\\u009b31m\\u2028');
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      printAudit([
        {
          requestId: 'r1',
          at: '2026-11-24T00:00:00.000Z',
          seq: 3,
          action: 'DENIED',
          actor: 'api:approver',
          to: 'DENIED',
          detail: { comment: hostile },
        } as AuditEntry,
      ]);
    } finally {
      log.mockRestore();
    }
    expect(printed.join('\n')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(printed.join('\n')).toContain('\\u001b[2J');
  });

  it('keeps --json valid JSON with the same values, C1 controls escaped', () => {
    const value = { comment: 'a\u009bb\u001bc' };
    const text = safeJson(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('says durations as people do', () => {
    expect(humanDuration('PT2H')).toBe('2 hours');
    expect(humanDuration('P1DT12H')).toBe('1 day 12 hours');
    expect(humanSeconds(3900)).toBe('1 hour 5 minutes');
    expect(humanSeconds(300)).toBe('5 minutes');
    expect(humanDuration('PT1M30S')).toBe('1 minute 30 seconds');
    expect(humanDuration('P2W')).toBe('2 weeks');
    expect(humanDuration('soon')).toBe('soon');
  });

  it('keeps CSV cells from being read as spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('jane')).toBe('"jane"');
    expect(csvCell(false)).toBe('"false"');
  });
});
