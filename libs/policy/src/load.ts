import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PolicyDocumentSchema, type PolicyDocument } from './schema';

/** Thrown when a policy document is not valid YAML/JSON or breaks the schema. `source` names the file. */
export class PolicyInvalidError extends Error {
  readonly code = 'POLICY_INVALID';
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`policy ${source} is invalid: ${issues.join('; ')}`);
    this.name = 'PolicyInvalidError';
  }
}

/** The default policy shipped with Vigil (`libs/policy/policies/default.yaml`). */
export const DEFAULT_POLICY_PATH = join(__dirname, '..', 'policies', 'default.yaml');

/**
 * Parses and validates one policy document. YAML is a superset of JSON, so both formats go through the
 * YAML parser (`yaml` package, YAML 1.2 core schema: `yes`/`no` stay strings).
 * @param source file name or label for error messages.
 * @throws PolicyInvalidError listing every schema issue (`path: message`).
 */
export function parsePolicy(text: string, source = 'policy'): PolicyDocument {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new PolicyInvalidError(source, [(error as Error).message]);
  }
  const parsed = PolicyDocumentSchema.safeParse(value);
  if (!parsed.success) {
    throw new PolicyInvalidError(
      source,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Reads and validates a `.yaml`, `.yml` or `.json` policy file. @throws PolicyInvalidError */
export function loadPolicyFile(path: string): PolicyDocument {
  return parsePolicy(readFileSync(path, 'utf8'), path);
}

/** Every policy file (`.yaml`, `.yml`, `.json`) in a directory, sorted by name. @throws PolicyInvalidError */
export function loadPolicyDirectory(dir: string): PolicyDocument[] {
  return readdirSync(dir)
    .filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f)))
    .sort()
    .map((f) => loadPolicyFile(join(dir, f)));
}

/** The shipped default policy. */
export function loadDefaultPolicy(): PolicyDocument {
  return loadPolicyFile(DEFAULT_POLICY_PATH);
}
