/**
 * docs/configuration.md, generated from the services' zod config schemas so that it cannot drift:
 * variable names, defaults, accepted values and whether a variable is required come from the schema
 * (`z.toJSONSchema`, input side); each meaning comes from the JSDoc comment above the variable in
 * `services/<service>/src/config.ts` (a `@default` tag there replaces a machine-dependent default, such as
 * a CPU count). Variables read outside the schemas (shared libraries, the stack scripts) are listed in
 * `OTHER_VARIABLES` below. `test/infra/configuration-doc.test.ts` fails when the committed file differs
 * from what this renders, or when the code reads a variable the file does not name.
 *
 * Usage: `npm run docs:config` rewrites docs/configuration.md.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

export const ROOT = resolve(__dirname, '..', '..');
export const CONFIGURATION_DOC = join(ROOT, 'docs', 'configuration.md');

/** A variable read outside the service schemas: its name, who reads it and what it does. */
export interface OtherVariable {
  readonly name: string;
  readonly readBy: string;
  readonly meaning: string;
}

/** Variables the code reads outside the zod schemas. Add a line here when you add such a read. */
export const OTHER_VARIABLES: readonly OtherVariable[] = [
  {
    name: 'VIGIL_TEXT_DATA',
    readBy: 'libs/model-build (build time: models:train-text, data:text, eval)',
    meaning:
      'folder of the public labelled text sets (HateCheck, Multilingual HateCheck, Davidson) for training and evaluating the text classifier; same as `--data <dir>`',
  },
  {
    name: 'LOG_LEVEL',
    readBy: 'libs/platform, kernels/pdq',
    meaning: 'pino level where no schema reads it; default `info`',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    readBy: 'every service (libs/platform)',
    meaning: 'OTLP endpoint: when set, each service exports OpenTelemetry spans there',
  },
  {
    name: 'UV_THREADPOOL_SIZE',
    readBy: 'ingest',
    meaning: 'libuv threads (sharp, DNS, files); ingest sets CPU cores + 4 unless given',
  },
  {
    name: 'VIGIL_PDQ_NATIVE',
    readBy: 'kernels/pdq',
    meaning: '`0` runs the TypeScript PDQ implementation instead of the native addon',
  },
  {
    name: 'VIGIL_BUNDLE_DIR',
    readBy: 'npm run models:build, npm run eval',
    meaning: 'where the model bundle is written and read; default `.models/vigil-base`',
  },
  {
    name: 'VIGIL_MODEL_CACHE',
    readBy: 'npm run models:build',
    meaning: 'cache of the fetched model sources; default `.models/.cache`',
  },
  {
    name: 'VIGIL_PHOTOS_DIR',
    readBy: 'infra/data/photos.sh, model build',
    meaning: 'the extracted sample photos; default `.data/photos`',
  },
  {
    name: 'DATABASE_URL',
    readBy: 'demo, tests (the moderation CLI reads it through the moderation schema)',
    meaning: 'PostgreSQL URL (demo default `postgres://postgres@127.0.0.1:5432/vigil`; tests `…/vigil_test`)',
  },
  {
    name: 'DATABASE_SCHEMA',
    readBy: 'demo (the moderation CLI reads it through the moderation schema)',
    meaning: "schema of Vigil's tables; default `public`",
  },
  {
    name: 'KAFKA_BROKERS',
    readBy: 'demo, bench, tests',
    meaning: 'broker list; unset: the scripts start the local broker',
  },
  {
    name: 'VIGIL_KAFKA_PORT',
    readBy: 'infra/kafka, stack scripts',
    meaning: 'local broker port; default `9092`',
  },
  {
    name: 'VIGIL_KAFKA_CONTROLLER_PORT',
    readBy: 'infra/kafka',
    meaning: "local broker's KRaft controller port; default `VIGIL_KAFKA_PORT` + 1 (`9093`)",
  },
  {
    name: 'VIGIL_KAFKA_RUN_DIR',
    readBy: 'infra/kafka, stack scripts, test helpers',
    meaning:
      'local broker data, log and `credentials.env` (its SASL/SCRAM principals, generated at format time); default `infra/kafka/.run`',
  },
  {
    name: 'VIGIL_KAFKA_CREDENTIALS',
    readBy: 'stack scripts, test helpers, infra/kafka/provision.ts (libs/kafka/src/credentials.ts)',
    meaning:
      "the local broker's credentials file (one password per principal); default `$VIGIL_KAFKA_RUN_DIR/credentials.env`",
  },
  {
    name: 'VIGIL_KAFKA_USER_INGEST, …_CLASSIFIER, …_MODERATION, …_PLATFORM',
    readBy: 'infra/kafka/provision.ts',
    meaning: "SASL user names the ACLs are granted to, where a cluster's differ from the principals' names",
  },
  { name: 'VIGIL_KAFKA_HEAP', readBy: 'infra/kafka', meaning: 'local broker heap; default `512m`' },
  {
    name: 'VIGIL_KAFKA_WAIT_S',
    readBy: 'infra/kafka',
    meaning: 'seconds to wait for the local broker to answer; default `60`',
  },
  {
    name: 'VIGIL_REDIS_PORT',
    readBy: 'infra/redis',
    meaning: 'port of the local Redis the tests use; default `6379`',
  },
  {
    name: 'PGHOST',
    readBy: 'infra/postgres',
    meaning: 'PostgreSQL host the scripts check; default `127.0.0.1`',
  },
  { name: 'PGPORT', readBy: 'infra/postgres', meaning: 'PostgreSQL port; default `5432`' },
  { name: 'PGUSER', readBy: 'infra/postgres', meaning: 'PostgreSQL user; default `postgres`' },
  {
    name: 'VIGIL_DATABASES',
    readBy: 'infra/postgres',
    meaning: 'databases created when missing; default `vigil vigil_test`',
  },
  {
    name: 'VIGIL_DEMO_PORT',
    readBy: 'npm run demo',
    meaning: 'API and dashboard port of the demo; default `3002`',
  },
  {
    name: 'VIGIL_PREREQUISITES',
    readBy: 'infra/prerequisites',
    meaning: '`check`: report missing system packages, never install; `skip`: do not check',
  },
  {
    name: 'VIGIL_PDQ_REFERENCE',
    readBy: 'npm run test:reference, bench:hash',
    meaning: 'folder of the full PDQ reference corpus (kernels/pdq/test/fixtures/SOURCE.md)',
  },
  {
    name: 'ONNXRUNTIME_NODE_INSTALL',
    readBy: 'npm ci (onnxruntime-node)',
    meaning: 'the stack scripts set `skip`; `cuda12` installs the CUDA build (docs/operations.md)',
  },
];

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
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

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

/** Services with a config schema: the folders under services/ that have src/config.ts. */
export function configuredServices(): string[] {
  return readdirSync(join(ROOT, 'services'))
    .filter((name) => existsSync(join(ROOT, 'services', name, 'src', 'config.ts')))
    .sort();
}

/**
 * docs/configuration.md's text.
 * @param schemas each service's `envSchema`, keyed by service folder name.
 */
export function renderConfiguration(schemas: Record<string, z.ZodObject>): string {
  const out: string[] = [
    '# Configuration',
    '',
    '<!-- Generated by `npm run docs:config` (infra/docs/configuration.ts) from the zod schemas in',
    '     services/*/src/config.ts. Do not edit by hand: change the schema or its comments and regenerate. -->',
    '',
    'Every service reads its configuration from environment variables only and validates them at boot: a',
    'missing or malformed variable stops the process with exit status 78 and a line naming each bad one.',
    'infra/compose and infra/k8s set only variables listed here (a test checks it).',
    '',
  ];
  for (const service of Object.keys(schemas).sort()) {
    const { intro, rows } = serviceVariables(
      schemas[service]!,
      join(ROOT, 'services', service, 'src', 'config.ts'),
    );
    out.push(`## ${service}`, '');
    if (intro) out.push(cell(intro), '');
    out.push('| variable | default | accepts | meaning |', '|---|---|---|---|');
    for (const r of rows)
      out.push(`| \`${r.name}\` | ${cell(r.default)} | ${cell(r.accepts)} | ${cell(r.meaning) || '–'} |`);
    out.push('');
  }
  out.push(
    '## Read outside the service schemas',
    '',
    'Shared libraries, the build and the stack scripts (`npm run demo`, `npm test`, `npm run bench`) read these.',
    '',
    '| variable | read by | meaning |',
    '|---|---|---|',
    ...[...OTHER_VARIABLES]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((v) => `| \`${v.name}\` | ${cell(v.readBy)} | ${cell(v.meaning)} |`),
    '',
  );
  return out.join('\n');
}

/** Loads each service's schema (needs decorator support: run through `npm run docs:config`). */
export async function loadSchemas(): Promise<Record<string, z.ZodObject>> {
  const schemas: Record<string, z.ZodObject> = {};
  for (const service of configuredServices()) {
    const mod = (await import(join(ROOT, 'services', service, 'src', 'config.ts'))) as {
      envSchema: z.ZodObject;
    };
    schemas[service] = mod.envSchema;
  }
  return schemas;
}

if (require.main === module) {
  void loadSchemas().then((schemas) => {
    writeFileSync(CONFIGURATION_DOC, renderConfiguration(schemas));
    console.log(`docs: wrote ${CONFIGURATION_DOC}`);
  });
}
