/**
 * The rows of a service's table in docs/configuration.md: names, defaults and accepted values from the
 * zod schema (`z.toJSONSchema`, input side), meanings from the JSDoc comments in its config.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { ROOT } from './paths';

/** One row of a service's table. */
interface VariableDoc {
  name: string;
  required: boolean;
  default: string;
  accepts: string;
  meaning: string;
}

/** JSON Schema of one variable, as `z.toJSONSchema` gives it (input side). */
interface JsonField {
  type?: string;
  enum?: string[];
  const?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: JsonField[];
}

const code = (s: string) => (s === '' ? 'empty' : `\`${s}\``);

/** What a variable accepts, in words, from its JSON Schema. */
function accepts(f: JsonField): string {
  if (f.anyOf) return f.anyOf.map(accepts).join(', or ');
  if (f.const !== undefined) return code(f.const);
  if (f.enum) {
    const set = new Set(f.enum);
    if (set.size === 4 && ['0', '1', 'true', 'false'].every((v) => set.has(v)))
      return '`true`, `false` (or `1`, `0`)';
    return f.enum.map(code).join(', ');
  }
  const min = f.minimum ?? (f.exclusiveMinimum !== undefined ? f.exclusiveMinimum + 1 : undefined);
  const max = f.maximum !== undefined && f.maximum < Number.MAX_SAFE_INTEGER ? f.maximum : undefined;
  if (f.type === 'integer' || f.type === 'number') {
    const kind = f.type === 'integer' ? 'integer' : 'number';
    if (min !== undefined && max !== undefined) return `${kind} ${min}–${max}`;
    if (min !== undefined) return `${kind} ≥ ${min}`;
    return kind;
  }
  if (f.pattern) return `text matching \`${f.pattern.replace(/\\\//g, '/')}\``;
  if (f.minLength) return 'non-empty text';
  return 'text';
}

/** The JSDoc of each property of `export const envSchema = z.object({...})` (refinements after it allowed): text and `@default`. */
function jsDocs(file: string): { schema: string; fields: Map<string, { text: string; default?: string }> } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const fields = new Map<string, { text: string; default?: string }>();
  let schema = '';
  const docOf = (node: ts.Node) => {
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    const doc = docs.at(-1);
    const text = doc ? (ts.getTextOfJSDocComment(doc.comment) ?? '') : '';
    const tag = doc?.tags?.find((t) => t.tagName.text === 'default');
    return { text: text.trim(), default: tag ? ts.getTextOfJSDocComment(tag.comment)?.trim() : undefined };
  };
  source.forEachChild(function visit(node) {
    if (ts.isVariableStatement(node)) {
      for (const decl of node.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || decl.name.text !== 'envSchema') continue;
        schema = docOf(node).text;
        let init = decl.initializer;
        while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
        // `z.object({...}).superRefine(...)`: the fields are in the object literal of the inner call.
        while (
          init &&
          ts.isCallExpression(init) &&
          ts.isPropertyAccessExpression(init.expression) &&
          ['superRefine', 'refine', 'check'].includes(init.expression.name.text)
        )
          init = init.expression.expression;
        const arg = init && ts.isCallExpression(init) ? init.arguments[0] : undefined;
        if (!arg || !ts.isObjectLiteralExpression(arg))
          throw new Error(`${file}: envSchema is not z.object({...})`);
        for (const prop of arg.properties) {
          if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name))
            fields.set(prop.name.text, docOf(prop));
        }
      }
    }
  });
  if (!schema && fields.size === 0) throw new Error(`${file}: no envSchema`);
  return { schema, fields };
}

/**
 * The JSDoc of the variables shared through `kafkaEnv()` (libs/platform/src/config.ts): the properties
 * of the object literal it returns. Services spread it into their schema, so their config.ts has none.
 */
function sharedDocs(): Map<string, { text: string; default?: string }> {
  const file = join(ROOT, 'libs', 'platform', 'src', 'config.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const fields = new Map<string, { text: string; default?: string }>();
  source.forEachChild(function visit(node) {
    if (ts.isReturnStatement(node) && node.expression && ts.isObjectLiteralExpression(node.expression)) {
      for (const prop of node.expression.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isIdentifier(prop.name)) continue;
        const doc = ts.getJSDocCommentsAndTags(prop).filter(ts.isJSDoc).at(-1);
        const text = doc ? (ts.getTextOfJSDocComment(doc.comment) ?? '') : '';
        if (text) fields.set(prop.name.text, { text: text.trim() });
      }
      return;
    }
    ts.forEachChild(node, visit);
  });
  return fields;
}

/** The rows of one service's table, from its schema and its config.ts. */
export function serviceVariables(
  schema: z.ZodObject,
  configFile: string,
): { intro: string; rows: VariableDoc[] } {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonField>;
    required?: string[];
  };
  const docs = jsDocs(configFile);
  const shared = sharedDocs();
  const rows = Object.entries(json.properties).map(([name, field]) => {
    const doc = docs.fields.get(name) ?? shared.get(name);
    const required = (json.required ?? []).includes(name);
    const fallback =
      doc?.default ?? (field.default === undefined ? (required ? '' : 'unset') : code(String(field.default)));
    return {
      name,
      required,
      default: required ? '(required)' : fallback,
      accepts: accepts(field),
      meaning: doc?.text ?? '',
    };
  });
  return { intro: docs.schema, rows };
}
