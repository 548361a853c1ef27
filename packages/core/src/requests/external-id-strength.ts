import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { COMMON_WORDS } from './common-words';
import type { StrengthEstimator } from './external-id';

// zxcvbn-ts with its common dictionaries (the 30,000 most used passwords, diceware words, keyboard layouts)
// and the words people put into identifiers; built on first use. About 470 KB: only the functions that check a
// supplied External ID load it (`@access-broker/core/external-id-strength`, not the package's index).
let estimator: ZxcvbnFactory | undefined;

/**
 * How many guesses (log10) zxcvbn-ts expects an External ID to take, knowing the request's own values
 * (account ids, names, ticket) as `userInputs`: it finds passwords, keyboard walks, l33t spellings,
 * repeats, sequences, dates and those values, reversed too.
 */
export const zxcvbnStrength: StrengthEstimator = async (value, userInputs) => {
  estimator ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { ...dictionary, 'broker-words': [...COMMON_WORDS] },
  });
  return estimator.check(
    value,
    userInputs.filter((input) => input.length > 0),
  ).guessesLog10;
};
