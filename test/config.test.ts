import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to the local Neo4j on 7687 and data under ./data/neo4j', () => {
    const config = loadConfig({}, '/repo');
    expect(config.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(config.localDb.dataDir).toBe('/repo/data/neo4j');
    expect(config.localDb.port).toBe(7687);
    expect(config.defaultRegion).toBe('US');
  });

  it('derives the default URI from CALLHOUND_DB_PORT but keeps an explicit NEO4J_URI', () => {
    expect(loadConfig({ CALLHOUND_DB_PORT: '7700' }).neo4j.uri).toBe('bolt://127.0.0.1:7700');
    expect(loadConfig({ CALLHOUND_DB_PORT: '7700', NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }).neo4j.uri).toBe('neo4j+s://abc.databases.neo4j.io');
  });

  it.each([
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI'],
    [{ CALLHOUND_DB_PORT: '99999' }, 'CALLHOUND_DB_PORT'],
    [{ CALLHOUND_DB_HEAP: 'lots' }, 'CALLHOUND_DB_HEAP'],
    [{ NEO4J_PASSWORD: 'short' }, 'NEO4J_PASSWORD'],
    [{ CALLHOUND_REGION: 'usa' }, 'CALLHOUND_REGION'],
    [{ CALLHOUND_ALLOWED_HOSTS: 'ok.lab,evil.example:8080' }, 'CALLHOUND_ALLOWED_HOSTS'],
    [{ CALLHOUND_ALLOWED_HOSTS: 'http://x.lab' }, 'CALLHOUND_ALLOWED_HOSTS'],
    [{ CALLHOUND_ALLOWED_HOSTS: 'a b' }, 'CALLHOUND_ALLOWED_HOSTS'],
  ])('rejects %o naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrowError(new RegExp(`invalid configuration: .*${name}`));
  });

  it('reads CALLHOUND_ALLOWED_HOSTS as a list of names (none by default)', () => {
    expect(loadConfig({}).server.allowedHosts).toEqual([]);
    expect(loadConfig({ CALLHOUND_ALLOWED_HOSTS: ' workspace.lab, 10.0.0.5 ,[::2],, ' }).server.allowedHosts).toEqual(['workspace.lab', '10.0.0.5', '[::2]']);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ CALLHOUND_DB_PORT: 'x', CALLHOUND_DB_HEAP: 'y' })).toThrowError(/CALLHOUND_DB_PORT.*CALLHOUND_DB_HEAP/);
  });
});
