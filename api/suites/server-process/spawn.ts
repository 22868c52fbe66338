// Starts the suites' api server (child.ts) in its own process and talks to its side port.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const SUITE_PASSWORD = 'suite-password-1';

export interface ServerMetrics {
  heapUsed: number;
  rss: number;
  eventLoop: { p50: number; p99: number; max: number };
  boards: { documents: number; connections: number; guard: { accepted: number; refused: number; closed: number } };
  loadedWithoutConnections: number;
}

export interface SuiteServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Lines the server logged as failures (request failed, connection errors…). */
  failures: string[];
  /** Set once the process has exited (it never should before `stop`). */
  exited: { code: number | null; signal: string | null } | null;
  metrics(options?: { gc?: boolean; resetLoop?: boolean }): Promise<ServerMetrics>;
  /** The server's copy of a board's notes (id → text). */
  boardNotes(documentName: string): Promise<Record<string, string>>;
  /** Writes a V8 heap snapshot of the server (after GC) to `path`. */
  heapSnapshot(path: string): Promise<void>;
  /** Open file descriptors of the server process (/proc/<pid>/fd). */
  openFiles(): number;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export async function startSuiteServer(env: Record<string, string> = {}): Promise<SuiteServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, NODE_ENV: 'production', SUITE_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const failures: string[] = [];
  const server: Partial<SuiteServer> & { exited: SuiteServer['exited'] } = { exited: null };
  const stderr = createInterface({ input: child.stderr! });
  stderr.on('line', (line) => {
    process.stderr.write(`[server] ${line}\n`);
    failures.push(line);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      server.exited = { code, signal };
      resolve();
    }),
  );
  const ready = await new Promise<{ ready: string; metrics: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: string; metrics: string };
        if (parsed.ready) resolve(parsed as { ready: string; metrics: string });
      } catch {
        process.stdout.write(`[server] ${line}\n`);
      }
    });
    child.once('exit', (code) => reject(new Error(`the suite server exited (${code}) before it was ready`)));
  });
  const side = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${ready.metrics}${path}`);
    return (await response.json()) as T;
  };
  return Object.assign(server, {
    url: ready.ready,
    pid: child.pid!,
    child,
    failures,
    metrics: (options: { gc?: boolean; resetLoop?: boolean } = {}) =>
      side<ServerMetrics>(`/metrics?${options.gc ? 'gc=1&' : ''}${options.resetLoop ? 'resetLoop=1' : ''}`),
    boardNotes: async (name: string) =>
      (await side<{ notes: Record<string, string> }>(`/board?name=${encodeURIComponent(name)}`)).notes,
    heapSnapshot: async (path: string) => {
      await side(`/heapsnapshot?path=${encodeURIComponent(path)}`);
    },
    openFiles: () => readdirSync(`/proc/${child.pid}/fd`).length,
    async stop() {
      if (server.exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  }) as SuiteServer;
}
