import type { Caller } from '@access-broker/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { HandlerDeps } from '../wiring/handler-deps';
import type { Requirement } from '../identity/authenticate';

/** A response a route may give: the OpenAPI entry, and (with a schema) the type its body must have. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** The body's media type when it is not JSON (a text body is sent as it is). */
  contentType?: `text/${string}`;
  /** Response headers: name → what it carries. */
  headers?: Record<string, string>;
}

/** What a route reads, each part validated before `handle` runs; headers are looked up case-insensitively. */
export interface RequestSpec {
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** `application/json`, except where `form` says the body is `application/x-www-form-urlencoded`. */
  body?: z.ZodType;
  form?: boolean;
  /**
   * The handler validates the body itself, against the schema and then the config, so one answer names every
   * bad field (a schema failure here would hide the rest). The schema still documents the body; `body` is the
   * JSON as sent.
   */
  bodyCheckedByHandler?: true;
}

/** The problem+json statuses a route can answer, each with what it means on that route. */
export type Problems = Partial<Record<400 | 401 | 403 | 404 | 409, string>>;

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<Q extends RequestSpec> {
  params: Parsed<Q['params']>;
  query: Parsed<Q['query']>;
  headers: Parsed<Q['headers']>;
  body: Q['bodyCheckedByHandler'] extends true ? unknown : Parsed<Q['body']>;
  identity: Caller;
  event: APIGatewayProxyEventV2;
}

/** One of the declared responses, its body typed by that response's schema. */
type RouteReply<R extends Record<number, ResponseSpec>> = {
  [S in keyof R & number]: { status: S; headers?: Record<string, string> } & (R[S] extends {
    schema: infer T extends z.ZodType;
  }
    ? { body: z.input<T> }
    : { body?: undefined });
}[keyof R & number];

/**
 * One HTTP route, whole: where it lives, who may call it, what it reads and answers, and what it does. The
 * router, the scope check, the OpenAPI document and the stack's API routes all come from these records.
 */
export interface RouteSpec<
  Q extends RequestSpec = RequestSpec,
  R extends Record<number, ResponseSpec> = Record<number, ResponseSpec>,
> {
  /** The operationId, and the name of the function serving it in the function catalog. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /**
   * The scope a caller needs; `authenticated` takes any caller; `public` routes take no bearer token (Slack's
   * callback proves itself with a signature).
   */
  scope: Requirement | 'public';
  summary: string;
  description?: string;
  request: Q;
  responses: R;
  problems: Problems;
  // Method syntax on purpose: a table of routes holds routes of different input types.
  handle(input: RouteInput<NoInfer<Q>>, deps: HandlerDeps): Promise<RouteReply<NoInfer<R>>>;
}

/** A route whatever its types: what tables of routes hold. */
export interface AnyRoute extends Omit<RouteSpec, 'handle'> {
  handle(
    input: RouteInput<RequestSpec>,
    deps: HandlerDeps,
  ): Promise<{ status: number; headers?: Record<string, string>; body?: unknown }>;
}

export const defineRoute = <Q extends RequestSpec, R extends Record<number, ResponseSpec>>(
  spec: RouteSpec<Q, R>,
): RouteSpec<Q, R> => spec;
