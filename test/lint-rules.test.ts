import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
// Inside the repository, so the repository's own config applies; removed afterwards.
const FIXTURE = join(ROOT, 'packages/functions/src', `.lint-fixture-${process.pid}`);

afterAll(() => rmSync(FIXTURE, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  mkdirSync(FIXTURE, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(FIXTURE, name), text);
}

async function lint(name: string) {
  const [result] = await new ESLint({ cwd: ROOT }).lintFiles([join(FIXTURE, name)]);
  return result!.messages.map((message) => message.ruleId);
}

describe("the repository's lint", () => {
  it('forbids an import cycle, however long', async () => {
    write({
      'route-a.ts': "import { b } from './route-b';\nexport const a = (): string => b();\n",
      'route-b.ts': "import { c } from './route-c';\nexport const b = (): string => c();\n",
      'route-c.ts': "import { a } from './route-a';\nexport const c = (): string => a();\n",
    });
    expect(await lint('route-a.ts')).toContain('import-x/no-cycle');
  });

  it('lets the domain import nothing of the infrastructure', async () => {
    const dir = join(ROOT, 'packages/core/src', `.lint-fixture-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(
        join(dir, 'x.ts'),
        "import { IAMClient } from '@aws-sdk/client-iam';\nexport const x = IAMClient;\n",
      );
      const [result] = await new ESLint({ cwd: ROOT }).lintFiles([join(dir, 'x.ts')]);
      expect(result!.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
