import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareChecksums,
  formatChecksumList,
  libDirProblems,
  parseChecksumList,
  parseDependencyList,
  pomPinningProblems,
} from '../../scripts/supply-chain/maven.js';

const root = path.resolve(import.meta.dirname, '../..');
const realPom = readFileSync(path.join(root, 'neo4j/pom.xml'), 'utf8');

const pom = (dependencies: string, plugins = ''): string => `<project><version>1.0.0</version>
  <properties><neo4j.version>5.26.16</neo4j.version></properties>
  <dependencies>${dependencies}</dependencies>
  <build><plugins>${plugins}</plugins></build></project>`;

describe('pomPinningProblems', () => {
  it('finds nothing wrong with the project pom', () => {
    expect(pomPinningProblems(realPom)).toEqual([]);
  });

  it('flags ranges, SNAPSHOTs, LATEST, missing versions and undefined properties', () => {
    const problems = pomPinningProblems(
      pom(
        `<dependency><groupId>a</groupId><artifactId>range</artifactId><version>[1.0,2.0)</version></dependency>
         <dependency><groupId>a</groupId><artifactId>snap</artifactId><version>1.1-SNAPSHOT</version></dependency>
         <dependency><groupId>a</groupId><artifactId>latest</artifactId><version>LATEST</version></dependency>
         <dependency><groupId>a</groupId><artifactId>prop</artifactId><version>\${missing.version}</version></dependency>
         <dependency><groupId>a</groupId><artifactId>ok</artifactId><version>\${neo4j.version}</version></dependency>`,
        `<plugin><artifactId>maven-jar-plugin</artifactId></plugin>
         <plugin><artifactId>maven-x-plugin</artifactId><version>3.1</version>
           <configuration><version>ignored</version></configuration></plugin>`,
      ),
    );
    expect(problems).toEqual([
      'dependency a:range version [1.0,2.0) is a range',
      'dependency a:snap version 1.1-SNAPSHOT is not a fixed release',
      'dependency a:latest version LATEST is not a fixed release',
      'dependency a:prop version ${missing.version} uses an undefined property',
      'plugin org.apache.maven.plugins:maven-jar-plugin has no <version> (Maven would pick one)',
    ]);
  });

  it('ignores commented-out entries', () => {
    expect(pomPinningProblems(pom('<!-- <dependency><artifactId>x</artifactId></dependency> -->'))).toEqual([]);
  });
});

describe('parseDependencyList', () => {
  it('reads coordinates with and without a classifier and skips other lines', () => {
    const text = [
      '',
      'The following files have been resolved:',
      '   org.neo4j:neo4j:jar:5.26.16:compile:/m2/org/neo4j/neo4j/5.26.16/neo4j-5.26.16.jar -- module org.neo4j.community [auto]',
      '   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.118.Final:compile:/m2/io/netty/netty-transport-native-epoll-4.1.118.Final-linux-x86_64.jar',
    ].join('\n');
    expect(parseDependencyList(text)).toEqual([
      {
        coordinates: 'io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.118.Final',
        file: '/m2/io/netty/netty-transport-native-epoll-4.1.118.Final-linux-x86_64.jar',
      },
      { coordinates: 'org.neo4j:neo4j:jar:5.26.16', file: '/m2/org/neo4j/neo4j/5.26.16/neo4j-5.26.16.jar' },
    ]);
  });
});

describe('checksum list', () => {
  const h = (c: string): string => c.repeat(64);
  const expected = new Map([
    ['g:a:jar:1.0', h('a')],
    ['g:b:jar:2.0', h('b')],
  ]);

  it('round-trips through its text form', () => {
    expect(parseChecksumList(formatChecksumList(expected))).toEqual(expected);
    expect(() => parseChecksumList('not a checksum line')).toThrow(/unreadable/);
  });

  it('accepts an identical tree', () => {
    expect(compareChecksums(expected, new Map(expected))).toEqual([]);
  });

  it('fails on a changed artifact, a new artifact and a vanished one', () => {
    const actual = new Map([
      ['g:a:jar:1.0', h('c')],
      ['g:new:jar:1.0', h('d')],
    ]);
    expect(compareChecksums(expected, actual)).toEqual([
      `CHECKSUM MISMATCH: g:a:jar:1.0: expected ${h('a')}, got ${h('c')}`,
      `not in the checksum list: g:new:jar:1.0 (sha256 ${h('d')})`,
      'listed but no longer resolved: g:b:jar:2.0 (regenerate the list if intended)',
    ]);
  });

  it('checks the jars the launcher loads, not only the local repository', () => {
    const artifacts = [{ coordinates: 'g:a:jar:1.0', file: '/m2/g/a/1.0/a-1.0.jar' }];
    expect(libDirProblems(new Map([['a-1.0.jar', h('a')]]), artifacts, expected)).toEqual([]);
    expect(libDirProblems(new Map([['a-1.0.jar', h('e')], ['evil.jar', h('f')]]), artifacts, expected)).toEqual([
      'CHECKSUM MISMATCH: target/lib/a-1.0.jar differs from the listed g:a:jar:1.0',
      'target/lib/evil.jar is not part of the resolved tree',
    ]);
  });

  it('the committed list covers the pinned Neo4j', () => {
    const list = parseChecksumList(readFileSync(path.join(root, 'neo4j/dependency-checksums.sha256'), 'utf8'));
    const neo4jVersion = /<neo4j.version>([^<]+)</.exec(realPom)?.[1];
    expect(list.has(`org.neo4j:neo4j:jar:${neo4jVersion}`)).toBe(true);
    expect(list.size).toBeGreaterThan(100);
  });
});

describe('build plugins', () => {
  it('locates the declared plugins in the local repository and tells which were never downloaded', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { declaredPluginArtifacts, localRepositoryRoot } = await import('../../scripts/supply-chain/maven.js');
    const repo = mkdtempSync(path.join(tmpdir(), 'callhound-m2-'));
    try {
      const jarDir = path.join(repo, 'org/apache/maven/plugins/maven-jar-plugin/3.4.2');
      mkdirSync(jarDir, { recursive: true });
      writeFileSync(path.join(jarDir, 'maven-jar-plugin-3.4.2.jar'), 'jar');
      const xml = pom('', `<plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
        <plugin><groupId>org.example</groupId><artifactId>never-run-plugin</artifactId><version>\${neo4j.version}</version></plugin>`);
      expect(declaredPluginArtifacts(xml, repo)).toEqual({
        present: [{ coordinates: 'org.apache.maven.plugins:maven-jar-plugin:maven-plugin:3.4.2', file: path.join(jarDir, 'maven-jar-plugin-3.4.2.jar') }],
        absent: ['org.example:never-run-plugin:maven-plugin:5.26.16'],
      });
      expect(localRepositoryRoot({ coordinates: 'org.neo4j:neo4j:jar:5.26.16', file: path.join(repo, 'org/neo4j/neo4j/5.26.16/neo4j-5.26.16.jar') })).toBe(repo);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
