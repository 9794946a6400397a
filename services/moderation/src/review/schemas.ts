/**
 * Request and response shapes of the review API, defined once in zod: requests are validated with
 * them, and they are registered for the OpenAPI document (see http/openapi-registry.ts), from which the
 * dashboard generates its client types. Session and moderator-account shapes live in auth/schemas.ts.
 */
export * from './request-schemas';
export * from './response-schemas';
