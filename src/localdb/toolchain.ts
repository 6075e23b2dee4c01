import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CallhoundError } from '../errors.js';
import { launcherJar, launcherSources, libDir, moduleDir } from './paths.js';

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Finds a Java 17+ runtime or says exactly what is missing. */
export function requireJava(): { binary: string; major: number } {
  const binary = javaBinary();
  const probe = spawnSync(binary, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new CallhoundError('java_missing', `Java 17 or newer is needed to run the local Neo4j, but \`${binary}\` could not be run (${probe.error?.message ?? `exit ${probe.status}`}). Install a JDK 17+ (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.`);
  }
  const text = `${probe.stderr}${probe.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const first = Number(match?.[1] ?? 0);
  const major = first === 1 ? Number(match?.[2] ?? 0) : first;
  if (major < 17) {
    throw new CallhoundError('java_too_old', `Neo4j 5.26 needs Java 17 or newer; \`${binary}\` is Java ${major || 'of unknown version'}. Install a JDK 17+ or point JAVA_HOME at one.`);
  }
  return { binary, major };
}

export function launcherIsBuilt(): boolean {
  if (!existsSync(launcherJar) || !existsSync(libDir)) return false;
  const built = statSync(launcherJar).mtimeMs;
  return launcherSources.every((source) => !existsSync(source) || statSync(source).mtimeMs <= built);
}

/** Builds the launcher with Maven when it is missing or older than its sources. */
export function ensureLauncherBuilt(log: (line: string) => void = () => undefined): void {
  if (launcherIsBuilt()) return;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    throw new CallhoundError('maven_missing', 'Maven is needed once to fetch Neo4j 5.26 from Maven Central and build the launcher, but `mvn` could not be run. Install it (Debian: apt-get install maven).');
  }
  log('building the local Neo4j launcher with Maven (first run downloads Neo4j 5.26 from Maven Central)…');
  const build = spawnSync('mvn', ['-q', '-B', '-f', path.join(moduleDir, 'pom.xml'), 'package', '-DskipTests'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    const tail = `${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new CallhoundError('launcher_build_failed', `the Maven build of neo4j/ failed:\n${tail}`);
  }
}
