import { loadDefaultPolicy, PolicyInvalidError } from './load';
import type { PolicyDocument } from './schema';

/**
 * The policies in force: at most one default (a document without `tenants`) and tenant-specific
 * documents. A tenant without its own document gets the default; the shipped default is used when the
 * given documents include none.
 */
export class PolicySet {
  private readonly byTenant = new Map<string, PolicyDocument>();
  readonly fallback: PolicyDocument;

  /** @throws PolicyInvalidError when two documents claim the same tenant or two are defaults. */
  constructor(documents: readonly PolicyDocument[], fallback: PolicyDocument = loadDefaultPolicy()) {
    const defaults = documents.filter((d) => !d.tenants);
    if (defaults.length > 1) {
      throw new PolicyInvalidError('policy set', [
        `more than one default policy (no tenants): ${defaults.map((d) => d.id).join(', ')}`,
      ]);
    }
    this.fallback = defaults[0] ?? fallback;
    for (const doc of documents) {
      for (const tenant of doc.tenants ?? []) {
        const other = this.byTenant.get(tenant);
        if (other) {
          throw new PolicyInvalidError('policy set', [
            `tenant ${tenant} is claimed by ${other.id} and ${doc.id}`,
          ]);
        }
        this.byTenant.set(tenant, doc);
      }
    }
  }

  /** The policy that decides for `tenantId`. */
  forTenant(tenantId: string): PolicyDocument {
    return this.byTenant.get(tenantId) ?? this.fallback;
  }

  /** Every distinct document in force (the default first). */
  all(): PolicyDocument[] {
    return [this.fallback, ...new Set(this.byTenant.values())].filter((d, i, list) => list.indexOf(d) === i);
  }
}
