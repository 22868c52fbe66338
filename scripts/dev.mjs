#!/usr/bin/env node
// `pnpm dev`: the API on :4000 (restarting on change) and Vite's dev server on :5173,
// which proxies /graphql (HTTP and WebSocket) to the API.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const children = [
  spawn(process.execPath, ['--watch', '--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.API_PORT ?? '4000' },
  }),
  spawn('npx', ['-y', 'pnpm@12.21.0', '--dir', 'web', 'run', 'dev'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
