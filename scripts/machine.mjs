// What the tests need from the machine, installed or started when missing: Debian's
// chromium for browser tests and a running PostgreSQL. Both need root (CI runs as root);
// elsewhere the error says exactly what to do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const isRoot = process.getuid?.() === 0;

export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Japanese glyphs for the screenshots people look at (and for what axe measures). */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/**
 * Installs what the browser tests lack with apt-get, in the background: the promise settles
 * when it is done (at once when nothing is missing), so the installation overlaps the steps
 * that need no browser.
 */
export function ensureChromium() {
  const packages = [];
  if (!existsSync(chromiumPath())) packages.push('chromium');
  if (!process.env.CHROMIUM_PATH && !existsSync(CJK_FONT)) packages.push('fonts-noto-cjk');
  if (packages.length === 0) return Promise.resolve();
  if (!isRoot) {
    throw new Error(
      `Missing for the browser tests: ${packages.join(', ')}. Install Debian's packages: sudo apt-get install -y ${packages.join(' ')} (or set CHROMIUM_PATH).`,
    );
  }
  console.log(`▶ installing Debian ${packages.join(' and ')} for the browser tests (apt-get, in the background)…`);
  const child = spawn(
    '/bin/bash',
    [
      '-c',
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')} > /dev/null`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`apt-get install ${packages.join(' ')} exited with ${code}`)),
    );
  });
}

function postgresReady() {
  return spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
}

export function ensurePostgres() {
  if (process.env.TEST_DATABASE_ADMIN_URL || postgresReady()) return;
  if (isRoot && existsSync('/etc/postgresql')) {
    const version = readdirSync('/etc/postgresql')[0];
    console.log(`▶ starting PostgreSQL ${version}…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 30 && !postgresReady(); i += 1) spawnSync('sleep', ['1']);
  }
  if (!postgresReady()) {
    throw new Error(
      'PostgreSQL is not reachable at 127.0.0.1:5432. Start it, or set TEST_DATABASE_ADMIN_URL to a server the tests may create databases on.',
    );
  }
}
