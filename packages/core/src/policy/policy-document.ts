import * as z from 'zod';

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);

export const statementSchema = z
  .object({
    Sid: z
      .string()
      .regex(/^[A-Za-z0-9]*$/, 'Sid may only hold letters and digits')
      .optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: z.unknown().optional(),
    Resource: stringOrList.optional(),
    NotResource: z.unknown().optional(),
    Principal: z.unknown().optional(),
    NotPrincipal: z.unknown().optional(),
    Condition: z
      .record(
        z.string(),
        z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()])),
      )
      .optional(),
  })
  .strict();

export const policyDocumentSchema = z
  .object({
    Version: z.literal('2012-10-17', { error: 'Version must be "2012-10-17"' }),
    Id: z.string().optional(),
    // IAM accepts one statement object or a list; normalising first lets errors name `Statement[0].Effect`.
    Statement: z.preprocess(
      (value) => (Array.isArray(value) ? value : [value]),
      z.array(statementSchema).min(1).max(100),
    ),
  })
  .strict();

export type PolicyStatement = z.infer<typeof statementSchema>;

/** A statement after guardrails: Allow or Deny, explicit actions and resources, nothing negated. */
export interface CheckedStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: Record<string, unknown>[];
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
