import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { buildReport } from '../report/data.js';
import { reputation } from '../reputation/reputation.js';
import type { ReportProvider, ReputationProvider } from './providers.js';

/** The report (src/report) and reputation (src/reputation) behind /api/report and /api/reputation/:number. */
export function reportProvider(driver: Driver, database?: string): ReportProvider {
  return { data: () => buildReport(driver, { database }) };
}

export function reputationProvider(driver: Driver, options: { region: string; database?: string | undefined }): ReputationProvider {
  return { lookup: (e164, kept) => reputation(driver, e164, { defaultRegion: options.region, database: options.database, blockMemo: kept?.blockMemo }) };
}

export async function optionalProviders(driver: Driver, config: Config): Promise<{ report: ReportProvider; reputation: ReputationProvider }> {
  return {
    report: reportProvider(driver, config.neo4j.database),
    reputation: reputationProvider(driver, { region: config.defaultRegion, database: config.neo4j.database }),
  };
}
