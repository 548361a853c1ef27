import { type CloudTrailEvent, recordActivity } from '@access-broker/core';
import { lambdaDeps } from '../wiring/lambda-deps';
import { lambdaHandler } from '../wiring/lambda-handler';

const deps = lambdaDeps('recordActivity');

/**
 * "AWS API Call via CloudTrail" for a grant role's session → an activity record on that grant, once its
 * provenance holds. An event that is no evidence of a grant is dropped, not retried, and logged with why.
 */
export const handler = lambdaHandler(deps.logger, async (event: CloudTrailEvent) => {
  const outcome = await recordActivity(deps, event);
  if (outcome !== 'recorded' && outcome !== 'duplicate')
    deps.logger.warn('activity event refused', {
      outcome,
      source: String(event.source).slice(0, 64),
      account: String(event.account).slice(0, 12),
    });
  return outcome;
});
