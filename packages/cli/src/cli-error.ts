import type { components } from '@access-broker/api-types';

type Problem = components['schemas']['Problem'];

/** Exit codes scripts can branch on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, refused: 4, auth: 5 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** The API's problem+json, when the API refused. */
    readonly problem?: Problem,
  ) {
    super(message);
  }
}
