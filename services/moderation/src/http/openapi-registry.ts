import { z } from 'zod';

/**
 * The OpenAPI registries: request and response shapes defined once in zod (review API, hash banks,
 * sessions) register themselves here under their component id; `openApiDocument` (openapi.ts) turns both
 * into `components.schemas`, from which the dashboard generates its client types. A schema is registered
 * when its module is loaded, i.e. when a controller that uses it is imported.
 */
export const requestSchemas = z.registry<{ id: string }>();
export const responseSchemas = z.registry<{ id: string }>();
