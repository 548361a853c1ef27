import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * `npm run repair-home -- <file>`: what the local broker tells you to run when it refuses to start on a damaged
 * state file. A log (`*.jsonl`) keeps every readable line and sets the others aside in `<file>.damaged`; a
 * document (`schedules.json`, an earlier version's `iam.json`) is set aside whole as `<file>.damaged`.
 */
function repair(file: string): string {
  if (!existsSync(file)) return `${file} does not exist: nothing to repair`;
  if (!file.endsWith('.jsonl')) {
    renameSync(file, `${file}.damaged`);
    return `${basename(file)} set aside as ${basename(file)}.damaged; the broker starts without it`;
  }
  const kept: string[] = [];
  const damaged: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      JSON.parse(line);
      kept.push(line);
    } catch {
      damaged.push(line);
    }
  }
  if (damaged.length === 0) return `${file} has no damaged line`;
  writeFileSync(`${file}.damaged`, `${damaged.join('\n')}\n`, { mode: 0o600, flag: 'a' });
  writeFileSync(`${file}.tmp`, kept.map((line) => `${line}\n`).join(''), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return `${file}: kept ${kept.length} lines, set ${damaged.length} aside in ${basename(file)}.damaged`;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run repair-home -- <state file> [more files]');
  process.exit(2);
}
for (const file of files) console.log(repair(file));
