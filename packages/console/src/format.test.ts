import { describe, expect, it } from 'vitest';
import { count, plain, span } from './format';

describe('plain', () => {
  it('shows bidirectional controls instead of obeying them', () => {
    expect(plain('invoice\u202Etxt.exe')).toBe('invoice[U+202E]txt.exe');
    expect(plain('a\u2066b\u2069\u200Fc')).toBe('a[U+2066]b[U+2069][U+200F]c');
  });

  it('leaves everything else as it is (markup is rendered as text by Preact)', () => {
    expect(plain('<img src=x onerror=alert(1)> *bold* <!channel> עברית')).toBe(
      '<img src=x onerror=alert(1)> *bold* <!channel> עברית',
    );
  });
});

describe('span', () => {
  it('says a time left as people read it', () => {
    expect(span(12_000)).toBe('12 s');
    expect(span(250_000)).toBe('4 min 10 s');
    expect(span(3 * 3_600_000 + 120_000)).toBe('3 h 2 min');
    expect(span(-5)).toBe('0 s');
  });
});

describe('count', () => {
  it('puts the noun in the plural unless there is one', () => {
    expect(count(0, 'request')).toBe('0 requests');
    expect(count(1, 'approval')).toBe('1 approval');
    expect(count(4, 'call')).toBe('4 calls');
  });
});
