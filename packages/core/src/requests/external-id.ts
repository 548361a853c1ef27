import type { FieldIssue } from '../errors';
import { isMadeOfCommonWords } from './common-words';

// AWS STS: an External ID is 2–1,224 characters of [\w+=,.@:/-].
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
// Below this, an attacker who knows the role ARN can realistically guess it (AWS: "unique, hard to guess").
const MIN_SUPPLIED_EXTERNAL_ID_LENGTH = 16;

/**
 * How many guesses (log10) an External ID takes, knowing `userInputs`: zxcvbn-ts in production
 * (`external-id-strength.ts`). Injected, so only the functions that check supplied IDs carry its dictionaries.
 */
export type StrengthEstimator = (value: string, userInputs: readonly string[]) => Promise<number>;

/** Values an External ID must not equal: account ids, the requester, the principal's name, the ticket key. */
export interface GuessableContext {
  knownValues: readonly string[];
  strength: StrengthEstimator;
}

/**
 * Below this many guesses (10^10: zxcvbn's strongest score) an attacker who knows the role ARN and the
 * request can expect to find an External ID. A generated one sits near 10^57.
 */
const MIN_EXTERNAL_ID_GUESSES_LOG10 = 10;

/**
 * Why a supplied External ID is not acceptable, or undefined: AWS's character rules first, then the quick
 * guessability rules, then a maintained strength estimator (zxcvbn-ts).
 */
export async function validateSuppliedExternalId(
  value: string,
  context: GuessableContext,
): Promise<FieldIssue | undefined> {
  const fail = (reason: string): FieldIssue => ({ field: 'externalId', reason });
  if (!EXTERNAL_ID.test(value)) {
    return fail('must be 2–1,224 characters of letters, digits and _+=,.@:/- (AWS STS rules)');
  }
  if (value.length < MIN_SUPPLIED_EXTERNAL_ID_LENGTH) {
    return fail(
      `is guessable: use at least ${MIN_SUPPLIED_EXTERNAL_ID_LENGTH} characters, or omit it to have one generated`,
    );
  }
  if (/^\d+$/.test(value)) return fail('is guessable: it is all digits');
  const lower = value.toLowerCase();
  if (context.knownValues.some((known) => known.length > 0 && lower === known.toLowerCase())) {
    return fail('is guessable: it equals an account id, name or ticket of this request');
  }
  if (new Set(lower).size < 6) return fail('is guessable: it uses fewer than 6 distinct characters');
  if (isBuiltFrom(lower, context.knownValues))
    return fail("is guessable: it is built from this request's own account ids, names or ticket");
  if (isSequential(lower)) return fail('is guessable: it is a run of consecutive characters');
  if (isMadeOfCommonWords(lower)) return fail('is guessable: it is made of dictionary words and digits');
  const guesses = await context.strength(value, context.knownValues);
  if (guesses < MIN_EXTERNAL_ID_GUESSES_LOG10)
    return fail(
      `is guessable: a strength estimator (zxcvbn) finds it in about 10^${Math.floor(guesses)} guesses (passwords, keyboard walks, this request's own values); it needs 10^${MIN_EXTERNAL_ID_GUESSES_LOG10}, or omit it to have one generated`,
    );
  return undefined;
}

/**
 * 32 bytes from the platform CSPRNG, base64url: 43 characters within AWS's character set. Redrawn while it
 * starts with `-` or `_`, which command lines (`--external-id -x…`) would misread as an option.
 */
export function generateExternalId(): string {
  const bytes = new Uint8Array(32);
  for (;;) {
    globalThis.crypto.getRandomValues(bytes);
    const id = Buffer.from(bytes).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

/**
 * What is left once the request's own values are taken out (`111122223333ThirdPartyAuditor` leaves nothing):
 * too little, or only words and digits, and anyone who sees the request can rebuild it.
 */
function isBuiltFrom(lower: string, knownValues: readonly string[]): boolean {
  let rest = lower;
  const parts = knownValues
    .flatMap((known) => [known, ...known.split(/[/:]/)])
    .map((known) => known.toLowerCase())
    .filter((known) => known.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const part of parts) rest = rest.split(part).join(' ');
  if (rest === lower) return false;
  const left = rest.replace(/[^a-z0-9]/g, '');
  return left.length < 8 || isMadeOfCommonWords(left);
}

function isSequential(value: string): boolean {
  const codes = [...value.replace(/[^a-z0-9]/g, '')].map((char) => char.charCodeAt(0));
  if (codes.length < 2) return false;
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && [...steps].every((step) => Math.abs(step) === 1);
}
