import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in src/localdb or dist/localdb). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const moduleDir = path.join(repoRoot, 'neo4j');
export const launcherJar = path.join(moduleDir, 'target', 'callhound-neo4j.jar');
export const libDir = path.join(moduleDir, 'target', 'lib');
export const launcherSources = [path.join(moduleDir, 'pom.xml'), path.join(moduleDir, 'src', 'main', 'java', 'callhound', 'neo4j', 'Launcher.java')];

export function pidFile(dataDir: string): string {
  return path.join(dataDir, 'callhound-neo4j.pid');
}

export function logFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'callhound-neo4j.log');
}

/** Hands the password to the launcher (0600, deleted by the launcher once read): never on the command line. */
export function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'callhound-neo4j.password');
}
