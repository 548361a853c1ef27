import type { HandlerDeps } from './handler-deps';

/**
 * The deps of a function that checks supplied External IDs (filing, vendor registration): the strength
 * estimator's dictionaries (about 470 KB) load on the first supplied ID. Imported only by those functions'
 * entries, so only their packages carry the chunk (a dynamic import in shared wiring lands in every package).
 */
export function withStrength(deps: HandlerDeps): HandlerDeps {
  return {
    ...deps,
    strength: async (value, userInputs) =>
      (await import('@access-broker/core/external-id-strength')).zxcvbnStrength(value, userInputs),
  };
}
