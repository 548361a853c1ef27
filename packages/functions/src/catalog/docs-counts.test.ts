import { readFileSync } from 'node:fs';
import { brokerConfigSchema } from '@access-broker/core';
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

  it("documents every config key in the README's configuration table, and no key the config lacks", () => {
    const readme = doc('README.md');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### What every request'));
    const rows = new Map(
      [...table.matchAll(/^\| `([\w.]+)` +\| (.*)\|$/gm)].map((row) => [row[1]!, row[2]!] as const),
    );
    const documented = new Set([...rows.keys()].map((key) => key.split('.')[0]!));
    expect(documented).toEqual(new Set(Object.keys(brokerConfigSchema.shape)));
    // Each setting of `limits` is named in its row.
    const limits = Object.keys(brokerConfigSchema.shape.limits.shape);
    expect(limits.filter((key) => !rows.get('limits')!.includes(`\`${key}\``))).toEqual([]);
  });

  it('names in the CHANGELOG only config keys the config has', () => {
    const sections = new Set(Object.keys(brokerConfigSchema.shape));
    const named = [...doc('CHANGELOG.md').matchAll(/`([a-z][A-Za-z]*)\.([a-z][A-Za-z]*)`/g)].filter((match) =>
      sections.has(match[1]!),
    );
    expect(named.length).toBeGreaterThan(0);
    const shape = brokerConfigSchema.shape as Record<
      string,
      { shape?: Record<string, unknown>; unwrap?: () => { shape?: Record<string, unknown> } }
    >;
    const missing = named
      .map((match) => `${match[1]}.${match[2]}`)
      .filter((key) => {
        const [section, field] = key.split('.') as [string, string];
        const schema = shape[section]!;
        const fields = schema.shape ?? schema.unwrap?.().shape;
        return fields !== undefined && !(field in fields);
      });
    expect(missing).toEqual([]);
  });

  it('documents stages and the spoke bootstrap with the CDK CLI the repository pins', () => {
    const deploy = doc('docs/deploy.md');
    expect(deploy).toMatch(/STAGE=staging npm run synth/);
    expect(deploy).toMatch(/npx cdk bootstrap aws:\/\/<spoke account>/);
    const { devDependencies } = JSON.parse(doc('package.json')) as {
      devDependencies: Record<string, string>;
    };
    // Exact: `npx cdk` runs this version, never whatever is newest that day.
    expect(devDependencies['aws-cdk']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
