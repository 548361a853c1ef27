import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractFiles } from './contract-files';

const files = await contractFiles();

const ROOT = resolve(import.meta.dirname, '../../../..');

describe('committed contracts', () => {
  it.each(Object.entries(files))(
    '%s matches what the code generates (run `npm run contracts` after a change)',
    (path, generated) => {
      expect(readFileSync(resolve(ROOT, path), 'utf8')).toBe(generated);
    },
  );
});
