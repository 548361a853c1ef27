import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../http/route-table';
import { FUNCTION_NAMES } from './function-catalog';

const doc = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

describe('the docs say what the catalog holds', () => {
  it.each(['README.md', 'docs/design.md'])('%s counts the functions the catalog declares', (path) => {
    const counts = [...doc(path).matchAll(/\b(\d+) (?:functions|Lambdas)\b/g)].map((match) =>
      Number(match[1]),
    );
    expect(counts.length).toBeGreaterThan(0);
    expect(new Set(counts)).toEqual(new Set([FUNCTION_NAMES.length]));
  });

  it("lists every route in the README's route table", () => {
    const readme = doc('README.md');
    expect(HTTP_ROUTES.map((route) => route.path).filter((path) => !readme.includes(path))).toEqual([]);
  });
});
