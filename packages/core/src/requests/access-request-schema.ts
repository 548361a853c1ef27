import * as z from 'zod';

/** The most accounts one organization-wide request may name: each is a role, and its teardown, at expiry. */
const MAX_ACCOUNTS = 20;

/** Each field of `POST /v1/requests` on its own (every-issue.ts checks them one by one). */
export const ACCESS_REQUEST_FIELDS = {
  /** The third party's principal; with `vendor`, one of the vendor's (default: its first). */
  principal: z.string().min(1).max(2048).optional(),
  /** A registered vendor: its principal and its External ID for this company. */
  vendor: z.string().min(1).max(63).optional(),
  targetAccountId: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit account id')
    .optional(),
  /** Organization-wide: one approval, one role per account, one expiry for all (instead of targetAccountId). */
  targetAccountIds: z
    .array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id'))
    .min(2, 'names at least two accounts (one account: targetAccountId)')
    .max(MAX_ACCOUNTS, `names at most ${MAX_ACCOUNTS} accounts`)
    .refine((ids) => new Set(ids).size === ids.length, 'names an account twice')
    .optional(),
  profile: z.string().min(1).max(64).optional(),
  // Names as profiles declare them; `__proto__` and friends never reach an object as keys.
  parameters: z
    .record(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, 'parameter names are letters and digits'),
      z.string().max(256),
    )
    .optional(),
  policy: z.unknown().optional(),
  duration: z.string().min(1).max(32),
  justification: z.string().trim().min(1, 'is required').max(2000),
  requester: z
    .object({
      id: z.string().trim().min(1).max(128),
      slackUserId: z
        .string()
        .regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id')
        .optional(),
    })
    .strict(),
  ticket: z
    .object({
      system: z.string().trim().min(1).max(64),
      key: z.string().trim().min(1).max(128),
      url: z
        .url({ protocol: /^https$/, error: 'must be an https URL' })
        .max(2048)
        .optional(),
    })
    .strict()
    .optional(),
  externalId: z.string().max(1224, 'must be at most 1,224 characters (AWS STS rules)').optional(),
  startAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' })
    .optional(),
};

/** The body of `POST /v1/requests`, as DESIGN.md's table defines it. Unknown fields are refused. */
export const accessRequestBodySchema = z
  .object(ACCESS_REQUEST_FIELDS)
  .strict()
  // Checked even when other fields fail, so a client learns every missing field in one answer.
  .refine((body) => body.principal !== undefined || body.vendor !== undefined, {
    path: ['principal'],
    message: 'is required (or name a vendor)',
    when: ({ value }) => typeof value === 'object' && value !== null,
  });
