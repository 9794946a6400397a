/** An OpenAPI reference to a named component schema (see openapi.ts for where they come from). */
export function schemaRef(id: string): { $ref: string } {
  return { $ref: `#/components/schemas/${id}` };
}
