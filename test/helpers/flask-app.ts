/**
 * Starts the tiny Flask app of test/fixtures/flask_app.py with a given Python on a free port, and
 * stops it. Fails (never skips) when the interpreter or Flask is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const APP = new URL('../fixtures/flask_app.py', import.meta.url).pathname;

/** Both Flask lines on this machine: pip's Flask 3.1 and Debian's python3-flask 2.2. */
export const FLASK_STACKS = [
  { name: 'modern', python: 'python3', flask: '3.1' },
  { name: 'legacy', python: '/usr/bin/python3', flask: '2.2' },
] as const;

export interface RunningApp {
  child: ChildProcess;
  base: string;
}

export function startFlask(python: string, args: string[]): Promise<RunningApp> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-W', 'ignore', APP, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${python} did not start Flask within 15 s: ${stderr}`));
    }, 15_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${python} (is Python with Flask installed?): ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${python} exited with ${code} before listening: ${stderr}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${match[1]}` });
      }
    });
  });
}

export function stopFlask(app: RunningApp | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    app.child.once('exit', () => resolve());
    app.child.kill('SIGTERM');
  });
}
