import { ConfigError } from '@vigil/platform';
import { loadPolicyDirectory, PolicyInvalidError, PolicySet } from '@vigil/policy';
import type { ModerationConfig } from './config';

/**
 * The policies in force: every document in POLICY_DIR, else the shipped default.
 * @throws ConfigError naming POLICY_DIR when a document is invalid or two claim one tenant.
 */
export function loadPolicies(config: Pick<ModerationConfig, 'POLICY_DIR'>): PolicySet {
  try {
    return new PolicySet(config.POLICY_DIR ? loadPolicyDirectory(config.POLICY_DIR) : []);
  } catch (error) {
    if (error instanceof PolicyInvalidError)
      throw new ConfigError([{ variable: 'POLICY_DIR', message: error.message }]);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError([{ variable: 'POLICY_DIR', message: `no such directory: ${config.POLICY_DIR}` }]);
    }
    throw error;
  }
}
