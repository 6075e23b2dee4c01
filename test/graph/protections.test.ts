import { describe, expect, it } from 'vitest';
import { describeProtections, judgeBlocklistRefusal, type Protection } from '../../src/graph/protections.js';

const base = (setting: string, state: Protection['state'], value?: string): Protection => ({
  setting,
  what: `what ${setting} does`,
  state,
  conf: `${setting}=good`,
  docker: `NEO4J_${setting}=good`,
  ...(value !== undefined ? { value } : {}),
});

describe('judgeBlocklistRefusal', () => {
  it.each([
    // Neo4j 5.26's answer with the blocklist on (recorded from the local database)
    ["Cannot load from URL 'http://127.0.0.1:0/': access to /127.0.0.1 is blocked via the configuration property internal.dbms.cypher_ip_blocklist ()", 'on'],
    ["Couldn't load the external resource at: http://127.0.0.1:0/", 'off'],
    ['Cannot load from URL: Connection refused', 'off'],
    ['Permission denied: LOAD on ALL DATA', 'unknown'],
    ['Invalid input', 'unknown'],
  ])('%s → %s', (message, state) => {
    expect(judgeBlocklistRefusal(message)).toBe(state);
  });
});

describe('describeProtections', () => {
  it('says one line when all are on', () => {
    expect(describeProtections([base('a', 'on'), base('b', 'on')])).toEqual(['database protections: on (no file URLs, empty import directory, every address blocked for Cypher)']);
  });

  it('names each protection that is off or unknown, its value, and how to turn it on', () => {
    const lines = describeProtections([base('a', 'on'), base('dbms.security.allow_csv_import_from_file_urls', 'off', 'true'), base('internal.dbms.cypher_ip_blocklist', 'unknown')]);
    expect(lines).toEqual([
      'database protection off: dbms.security.allow_csv_import_from_file_urls = "true" — what dbms.security.allow_csv_import_from_file_urls does; set dbms.security.allow_csv_import_from_file_urls=good in neo4j.conf (Docker: NEO4J_dbms.security.allow_csv_import_from_file_urls=good)',
      'database protection unknown: internal.dbms.cypher_ip_blocklist — what internal.dbms.cypher_ip_blocklist does; callhound could not read it (the user may lack the right); check it, and set internal.dbms.cypher_ip_blocklist=good in neo4j.conf (Docker: NEO4J_internal.dbms.cypher_ip_blocklist=good)',
    ]);
  });
});
