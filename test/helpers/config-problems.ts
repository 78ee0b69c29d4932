import { ConfigError, loadConfig } from '../../src/config/config';

/** The problems loadConfig reports for an environment (empty when it is accepted). */
export const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env, '/srv/bot');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
