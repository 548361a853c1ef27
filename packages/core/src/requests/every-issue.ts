import type { FieldIssue } from '../errors';
import { ACCESS_REQUEST_FIELDS } from './access-request-schema';

// A body that fails the schema is still checked against the config and the guardrails, so a client learns every
// bad field in one answer: the fields that are well-formed keep their values, those that are not (or are
// missing) get a neutral stand-in, the semantic checks run, and their issues on the stand-ins are dropped
// (the schema already named those fields).

type Fields = typeof ACCESS_REQUEST_FIELDS;

/** What a stand-in is for each required field (optional ones are left out). */
const STAND_INS: Partial<Record<keyof Fields, (minDuration: string) => unknown>> = {
  duration: (minDuration) => minDuration,
  justification: () => 'stand-in',
  requester: () => ({ id: 'stand-in' }),
};

/**
 * The body with each well-formed field kept and each bad or missing required one replaced, and the fields the
 * schema already reported (their top-level names): `undefined` when the body is not an object at all.
 */
export function wellFormedPart(
  body: unknown,
  schemaIssues: readonly FieldIssue[],
  minDuration: string,
): { body: Record<string, unknown>; reported: Set<string> } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const given = body as Record<string, unknown>;
  const reported = new Set(schemaIssues.map((issue) => topLevel(issue.field)));
  const kept: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ACCESS_REQUEST_FIELDS) as [
    keyof Fields,
    Fields[keyof Fields],
  ][]) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value !== undefined && schema.safeParse(value).success) kept[name] = value;
    else if (STAND_INS[name]) kept[name] = STAND_INS[name](minDuration);
  }
  // Neither a principal nor a vendor: a stand-in principal, its issue already said.
  if (kept.principal === undefined && kept.vendor === undefined) kept.principal = '111111111111';
  return { body: kept, reported };
}

/** The issues the semantic checks found, but not on a field the schema already reported. */
export function beyondTheSchema(issues: readonly FieldIssue[], reported: Set<string>): FieldIssue[] {
  return issues.filter((issue) => !reported.has(topLevel(issue.field)));
}

const topLevel = (field: string) => field.split(/[.[]/)[0]!;
