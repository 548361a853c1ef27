import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { COMMON_WORDS } from './common-words';

/**
 * Below this many guesses (10^10: zxcvbn's strongest score) an attacker who knows the role ARN and the
 * request can expect to find an External ID. A generated one sits near 10^57.
 */
export const MIN_EXTERNAL_ID_GUESSES_LOG10 = 10;

// zxcvbn-ts with its common dictionaries (the 30,000 most used passwords, diceware words, keyboard layouts)
// and the words people put into identifiers; built on first use, in the chunk that holds the dictionaries.
let estimator: ZxcvbnFactory | undefined;

/**
 * How many guesses (log10) zxcvbn-ts expects an External ID to take, knowing the request's own values
 * (account ids, names, ticket) as `userInputs`: it finds passwords, keyboard walks, l33t spellings,
 * repeats, sequences, dates and those values, reversed too.
 */
export function externalIdGuessesLog10(value: string, userInputs: readonly string[]): number {
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { ...dictionary, 'broker-words': [...COMMON_WORDS] },
  });
  return estimator.check(
    value,
    userInputs.filter((input) => input.length > 0),
  ).guessesLog10;
}
