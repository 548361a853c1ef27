import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { contractFiles } from './contract-files';

const root = resolve(import.meta.dirname, '../../../..');
for (const [path, content] of Object.entries(await contractFiles())) {
  mkdirSync(dirname(resolve(root, path)), { recursive: true });
  writeFileSync(resolve(root, path), content);
  console.log(`wrote ${path}`);
}
