import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../config.js';
import { CallhoundError } from '../errors.js';
import { connect } from '../graph/driver.js';
import { launcherJar, libDir, logFile, passwordFile, pidFile } from './paths.js';
import { ensureLauncherBuilt, requireJava } from './toolchain.js';

export interface LocalDbOptions {
  port: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  startTimeoutS: number;
  user: string;
  password: string;
}

export function localDbOptions(config: Config): LocalDbOptions {
  return { ...config.localDb, user: config.neo4j.user, password: config.neo4j.password };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** A killed child that its parent has not reaped yet still answers kill(pid, 0); it is dead all the same. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false; // no /proc (not Linux): trust kill(pid, 0)
  }
}

/** The pid of the local Neo4j started for this data directory, if it is still running. */
export function runningPid(dataDir: string): number | undefined {
  const file = pidFile(dataDir);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on loopback, chosen by the OS (used by tests for a throw-away database). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartResult {
  pid: number;
  uri: string;
  alreadyRunning: boolean;
  startedInMs: number;
}

/**
 * Starts the local Neo4j in the background (detached, logs to a file under the data directory) and waits
 * until Bolt answers with our credentials. Refuses to start a second copy for the same data directory.
 */
export async function startLocalDb(options: LocalDbOptions, log: (line: string) => void = () => undefined): Promise<StartResult> {
  const uri = `bolt://127.0.0.1:${options.port}`;
  const existing = runningPid(options.dataDir);
  if (existing !== undefined) {
    return { pid: existing, uri, alreadyRunning: true, startedInMs: 0 };
  }
  const java = requireJava();
  ensureLauncherBuilt(log);
  if (!(await portIsFree(options.port))) {
    throw new CallhoundError('port_taken', `port ${options.port} on 127.0.0.1 is already taken by another program; stop it or set CALLHOUND_DB_PORT (and NEO4J_URI) to a free port`);
  }
  mkdirSync(path.dirname(logFile(options.dataDir)), { recursive: true });
  writePasswordFile(options.dataDir, options.password);
  const logFd = openSync(logFile(options.dataDir), 'a');
  const started = Date.now();
  const child = spawn(
    java.binary,
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      // Neo4j reaches into these JDK internals for off-heap memory and fast I/O (as its own start script does).
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
      '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dfile.encoding=UTF-8',
      `-Dcallhound.port=${options.port}`,
      `-Dcallhound.dataDir=${options.dataDir}`,
      `-Dcallhound.pageCache=${options.pageCache}`,
      // Not the password itself: the command line of a process is readable by every user (ps, /proc/PID/cmdline).
      `-Dcallhound.passwordFile=${passwordFile(options.dataDir)}`,
      '-cp',
      `${launcherJar}${path.delimiter}${path.join(libDir, '*')}`,
      'callhound.neo4j.Launcher',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(passwordFile(options.dataDir), { force: true });
    throw new CallhoundError('start_failed', 'could not start java for the local Neo4j');
  }
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });
  child.unref();
  writeFileSync(pidFile(options.dataDir), `${pid}\n`);

  const deadline = started + options.startTimeoutS * 1000;
  for (;;) {
    if (exitCode !== null) {
      rmSync(pidFile(options.dataDir), { force: true });
      rmSync(passwordFile(options.dataDir), { force: true });
      throw new CallhoundError('start_failed', `the local Neo4j exited (code ${exitCode}) while starting; last lines of ${logFile(options.dataDir)}:\n${tailOfLog(options.dataDir)}`);
    }
    try {
      const { driver } = await connect({ uri, user: options.user, password: options.password, database: undefined, connectTimeoutMs: 2000 });
      await driver.close();
      return { pid, uri, alreadyRunning: false, startedInMs: Date.now() - started };
    } catch {
      if (Date.now() > deadline) {
        stopPid(pid);
        rmSync(pidFile(options.dataDir), { force: true });
        rmSync(passwordFile(options.dataDir), { force: true });
        throw new CallhoundError('start_timeout', `the local Neo4j did not answer on ${uri} within ${options.startTimeoutS} s; see ${logFile(options.dataDir)}:\n${tailOfLog(options.dataDir)}`);
      }
      await sleep(300);
    }
  }
}

/**
 * The password for the launcher, in a file only the owner can read (0600); the launcher deletes it once read.
 * Created exclusively after removing a leftover, so an existing file or symlink planted there is never
 * written through.
 */
function writePasswordFile(dataDir: string, password: string): void {
  const file = passwordFile(dataDir);
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeFileSync(fd, password, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function tailOfLog(dataDir: string, lines = 12): string {
  try {
    return readFileSync(logFile(dataDir), 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function stopPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Stops the local Neo4j with SIGTERM (clean shutdown), escalating to SIGKILL after the grace period. */
export async function stopLocalDb(dataDir: string, graceS = 60): Promise<{ stopped: boolean; pid?: number }> {
  const pid = runningPid(dataDir);
  if (pid === undefined) return { stopped: false };
  stopPid(pid);
  const deadline = Date.now() + graceS * 1000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(dataDir), { force: true });
  return { stopped: true, pid };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
