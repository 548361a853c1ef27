import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LocalDescription } from '../runtime/local-broker';

/** The running local broker's endpoints and credentials, from `$BROKER_HOME/local.json`. */
export function readLocalDescription(): LocalDescription {
  const file = join(resolve(process.env.BROKER_HOME ?? '.broker'), 'local.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalDescription;
  } catch {
    console.error(`no ${file}: start the local broker first (npm start)`);
    process.exit(2);
  }
}
