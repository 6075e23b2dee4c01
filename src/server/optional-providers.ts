import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { ReportProvider, ReputationProvider } from './providers.js';

/**
 * The report and reputation providers, wired to src/report and src/hunts when those modules provide them.
 * Until then the API answers 503 `report_unavailable` / `reputation_unavailable`.
 */
export async function optionalProviders(_driver: Driver, _config: Config): Promise<{ report?: ReportProvider; reputation?: ReputationProvider }> {
  return {};
}
