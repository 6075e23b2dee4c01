import neo4j, { type Driver } from 'neo4j-driver';

/**
 * The database's own locks under callhound's hunt checks (SECURITY.md): with them, a hunt that got past
 * callhound still cannot read the server's files or send graph data to an address. The local Neo4j that
 * callhound starts sets all three (neo4j/src/main/java/callhound/neo4j/Launcher.java), so does
 * docker-compose.yml; a database the user brings may not, and `db status` and `serve` say so.
 *
 * The settings are read by callhound's own fixed statements (never by a hunt, which may not run SHOW or
 * dbms.* procedures). A user without the right to read settings gets "unknown", never "on". Neo4j hides
 * internal settings from SHOW SETTINGS and dbms.listConfig, and the IP blocklist is one, so it is found by
 * its effect instead: callhound asks the database to load `http://127.0.0.1:0/` (port 0: no connection can be
 * made, nothing leaves the server) and reads the refusal, which names the blocklist when it is on.
 */

export type ProtectionState = 'on' | 'off' | 'unknown';

export interface Protection {
  setting: string;
  /** What the setting protects against, in a few words. */
  what: string;
  state: ProtectionState;
  /** The value the database reported, when it did. */
  value?: string;
  /** neo4j.conf line that turns the protection on. */
  conf: string;
  /** The same for the neo4j Docker image (environment variable). */
  docker: string;
}

const settings = [
  {
    setting: 'dbms.security.allow_csv_import_from_file_urls',
    what: 'LOAD CSV cannot read files of the database server',
    conf: 'dbms.security.allow_csv_import_from_file_urls=false',
    docker: 'NEO4J_dbms_security_allow__csv__import__from__file__urls=false',
    judge: (value: string): ProtectionState => (value.trim().toLowerCase() === 'false' ? 'on' : 'off'),
  },
  {
    setting: 'server.directories.import',
    what: 'file URLs are confined to an import directory (keep it empty)',
    conf: 'server.directories.import=/path/to/an/empty/directory',
    docker: 'NEO4J_server_directories_import=/import-empty (an empty volume)',
    judge: (value: string): ProtectionState => (value.trim() !== '' && value.trim() !== 'null' && value.trim() !== '/' ? 'on' : 'off'),
  },
] as const;

const blocklist = {
  setting: 'internal.dbms.cypher_ip_blocklist',
  what: 'Cypher cannot load URLs (no data sent out, nothing fetched)',
  conf: 'internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0',
  docker: 'NEO4J_internal_dbms_cypher__ip__blocklist=0.0.0.0/0,::/0',
};

/** Reads the three protections from the database; "unknown" for any it would not show. */
export async function readProtections(driver: Driver, database?: string): Promise<Protection[]> {
  const values = await readSettings(driver, settings.map((s) => s.setting), database);
  const read: Protection[] = settings.map(({ judge, ...s }) => {
    const value = values?.get(s.setting);
    return { setting: s.setting, what: s.what, conf: s.conf, docker: s.docker, state: value === undefined ? 'unknown' : judge(value), ...(value !== undefined ? { value } : {}) };
  });
  return [...read, { ...blocklist, state: await probeBlocklist(driver, database) }];
}

/** Judges the IP blocklist by the database's answer to a URL it cannot reach anyway (see the module comment). */
export async function probeBlocklist(driver: Driver, database?: string): Promise<ProtectionState> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
  try {
    await session.run("LOAD CSV FROM 'http://127.0.0.1:0/' AS row RETURN count(row) AS rows");
    return 'off'; // something answered on port 0: certainly not blocked
  } catch (error) {
    return judgeBlocklistRefusal(error instanceof Error ? error.message : String(error));
  } finally {
    await session.close();
  }
}

/** "on" when the refusal names the blocklist, "off" when the database tried to connect, else "unknown". */
export function judgeBlocklistRefusal(message: string): ProtectionState {
  if (/blocked via the configuration property internal\.dbms\.cypher_ip_blocklist/i.test(message)) return 'on';
  if (/connection refused|couldn't load the external resource|cannot assign requested address/i.test(message)) return 'off';
  return 'unknown';
}

/**
 * Setting values by name, through SHOW SETTINGS (Neo4j 5) or, failing that, dbms.listConfig; undefined when
 * neither may be run. A setting missing from the answer (some servers hide internal ones) is left out.
 */
async function readSettings(driver: Driver, names: readonly string[], database?: string): Promise<Map<string, string> | undefined> {
  const statements = [
    'SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value',
    'CALL dbms.listConfig() YIELD name, value WHERE name IN $names RETURN name, value',
  ];
  for (const statement of statements) {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ, ...(database ? { database } : {}) });
    try {
      const result = await session.run(statement, { names: [...names] });
      return new Map(result.records.map((r) => [String(r.get('name')), r.get('value') === null ? '' : String(r.get('value'))]));
    } catch {
      // Not allowed for this user, or not this server's syntax: try the next way, then "unknown".
    } finally {
      await session.close();
    }
  }
  return undefined;
}

/** Lines for the terminal: one summary when all are on, else one per protection that is not, with the fix. */
export function describeProtections(protections: readonly Protection[]): string[] {
  const weak = protections.filter((p) => p.state !== 'on');
  if (weak.length === 0) return ['database protections: on (no file URLs, empty import directory, every address blocked for Cypher)'];
  return weak.map(
    (p) =>
      `database protection ${p.state}: ${p.setting}${p.value !== undefined ? ` = ${JSON.stringify(p.value)}` : ''} — ${p.what}; ` +
      (p.state === 'unknown' ? 'callhound could not read it (the user may lack the right); check it, and set ' : 'set ') +
      `${p.conf} in neo4j.conf (Docker: ${p.docker})`,
  );
}
