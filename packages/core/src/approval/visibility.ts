import type { BrokerConfig } from '../config/config-schema';
import type { GrantRecord } from '../requests/request-record';
import { personOfActor, samePerson } from '../identity/resolve-person';
import { approvalRuleFor } from './approver-check';
import type { Caller } from '../identity/caller';
import { inApproverGroup, requestPeople } from './people';

/** What a viewer sees of a request: all of it, all but its credentials (External ID), or nothing at all. */
export type Visibility = 'full' | 'redacted' | 'none';

/**
 * Who sees a request. The client that filed it, and the person it belongs to, see everything (they hand the
 * External ID to the third party); approvers of its profile see what they decide, without credentials;
 * `requests:read-all` sees every request, and `grants:credentials` adds the credentials. Nobody else learns
 * that it exists.
 */
export function visibilityOf(config: BrokerConfig, viewer: Caller, record: GrantRecord): Visibility {
  if (ownsRequest(config, viewer, record)) return 'full';
  const sees = viewer.scopes.includes('requests:read-all') || approvesRequest(config, viewer, record);
  if (!sees) return 'none';
  return viewer.scopes.includes('grants:credentials') ? 'full' : 'redacted';
}

/** Who may extend or revoke a request: whoever filed it, its profile's approvers, and admins. */
export function mayChange(config: BrokerConfig, viewer: Caller, record: GrantRecord): boolean {
  return (
    viewer.scopes.includes('requests:admin') ||
    ownsRequest(config, viewer, record) ||
    approvesRequest(config, viewer, record)
  );
}

/** Ownership shows credentials, so it takes the same person (never a mere likeness: see mayBeSamePerson). */
function ownsRequest(config: BrokerConfig, viewer: Caller, record: GrantRecord): boolean {
  if (record.createdBy === viewer.actor) return true;
  const person = personOfActor(config, viewer.actor, viewer.email);
  return person !== undefined && requestPeople(config, record).some((owner) => samePerson(owner, person));
}

function approvesRequest(config: BrokerConfig, viewer: Caller, record: GrantRecord): boolean {
  const person = personOfActor(config, viewer.actor, viewer.email);
  if (!person || !viewer.scopes.includes('requests:approve')) return false;
  try {
    const rule = approvalRuleFor(record, config);
    return inApproverGroup(config, rule.approverGroup, person, viewer.idpGroups);
  } catch {
    return false;
  }
}
