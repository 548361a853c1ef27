import { recordActivity } from '@access-broker/core';
import { lambdaDeps } from '../runtime/lambda-deps';
import { lambdaHandler } from '../runtime/lambda-handler';

const deps = lambdaDeps('activity');

/** "AWS API Call via CloudTrail" for a grant role's session → an activity record on that grant. */
export const handler = lambdaHandler(deps.logger, (event: { detail: unknown }) =>
  recordActivity(deps, event.detail),
);
