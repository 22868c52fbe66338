// The api as its own process for the crash-safety suite: the real composition root
// (src/main.ts startPlatform: database from DATABASE_URL or SHISHIN_DATA_DIR, migrations,
// HTTP, GraphQL, boards) on an ephemeral port. Prints "READY <url>" when it serves; SIGTERM
// stops it gracefully. The suite kills it with SIGKILL to see what survives.
import { readConfig, startPlatform } from '../../src/main.ts';

const config = { ...readConfig(), port: 0 };
const { server, database } = await startPlatform(config, (message) => process.stderr.write(`${message}\n`));
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', () => {
  void (async () => {
    await server.stop();
    await database.close();
    process.exit(0);
  })();
});
