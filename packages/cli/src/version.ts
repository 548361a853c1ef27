import { readFileSync } from 'node:fs';

/** Put in by the bundler (scripts/bundle.ts); absent when the sources run through tsx. */
declare const BROKER_CLI_VERSION: string | undefined;

/** The CLI's version: the package's, as bundled, else read from package.json beside the sources. */
export const VERSION: string =
  typeof BROKER_CLI_VERSION === 'string'
    ? BROKER_CLI_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
        .version;
