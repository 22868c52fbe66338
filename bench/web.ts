// `pnpm bench` (web part): Lighthouse (from npm, driving Debian's chromium) on the pages
// citizens reach from a ward's website, and the JavaScript each route ships, gzipped.
// The goals are absolute (the issue's): performance ≥ 95, accessibility 100, ≤ 50 KB JS
// on public pages. As a baseline measured in the same run, the same Lighthouse run scores
// a static copy of the page's HTML with no scripts: what the page would score if the app
// itself cost nothing, so a low score can be told apart from a loaded machine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const serveScript = fileURLToPath(new URL('../web/test/support/serve.ts', import.meta.url));
const webDir = fileURLToPath(new URL('../web/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function startPlatform(): Promise<{ url: string; stop: () => void }> {
  if (!existsSync(`${webDir}build/handler.js`)) throw new Error('web/build is missing: run `pnpm build` first');
  const child = spawn(process.execPath, ['--import', 'tsx', serveScript], {
    cwd: webDir,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the platform exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function publishedTargetPath(url: string): Promise<string | null> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ improvementTargets(first: 1, state: PUBLISHED) { edges { node { id } } } }' }),
  });
  const body = (await response.json()) as { data?: { improvementTargets: { edges: { node: { id: string } }[] } } };
  const id = body.data?.improvementTargets.edges[0]?.node.id;
  return id ? `/targets/${id}` : null;
}

/** The page's HTML without its scripts, served from memory: the no-app baseline. */
async function staticCopy(html: string): Promise<{ url: string; close: () => void }> {
  const stripped = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link[^>]+modulepreload[^>]*>/g, '');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(stripped);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

interface Audit {
  performance: number;
  accessibility: number;
  scriptUrls: string[];
}

async function audit(url: string, port: number): Promise<Audit> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    formFactor: 'mobile',
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  const requests = (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string }[] })
    ?.items;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    scriptUrls: (requests ?? []).filter((r) => r.resourceType === 'Script').map((r) => r.url),
  };
}

async function gzippedBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of new Set(urls)) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
  return total;
}

export async function webBench(): Promise<void> {
  console.log('\nWeb pages: Lighthouse (mobile) with Debian chromium; JS shipped per route, gzipped');
  const platform = await startPlatform();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const target = await publishedTargetPath(platform.url);
    const routes: { name: string; path: string; isPublic: boolean }[] = [
      { name: 'home (the guideline in force)', path: '/', isPublic: true },
      { name: 'public ward page (中原区)', path: '/wards/nakahara', isPublic: true },
      ...(target ? [{ name: 'a published target', path: target, isPublic: true }] : []),
      { name: 'sign-in', path: '/signin', isPublic: false },
    ];
    for (const route of routes) {
      const response = await fetch(`${platform.url}${route.path}`);
      if (response.status !== 200) {
        console.log(`${route.name.padEnd(34)} ${route.path}: HTTP ${response.status}, not measured`);
        continue;
      }
      const measured = await audit(`${platform.url}${route.path}`, chrome.port);
      const copy = await staticCopy(await response.text());
      const baseline = await audit(copy.url, chrome.port);
      copy.close();
      const js = (await gzippedBytes(measured.scriptUrls)) / 1024;
      const budget = route.isPublic ? `  (goal ≤ 50 KB${js <= 50 ? ', met' : ', NOT met'})` : '';
      console.log(
        `${route.name.padEnd(34)} performance ${String(measured.performance).padStart(3)} (static copy ${baseline.performance}, ratio ${(measured.performance / Math.max(1, baseline.performance)).toFixed(2)}×; goal ≥ 95)` +
          `   accessibility ${String(measured.accessibility).padStart(3)} (goal 100)   JS ${js.toFixed(1)} KB gz${budget}`,
      );
    }
  } finally {
    await chrome.kill();
    platform.stop();
  }
}

// BENCH_ONLY=fanout (etc.) leaves this part out unless it names `web` too.
const only = process.env.BENCH_ONLY?.split(',');
if (import.meta.url === `file://${process.argv[1]}` && (!only || only.includes('web'))) await webBench();
