/**
 * Dev/test entry for the live views: API + console, the stream, and the sandbox controller
 * with the three-tier template applied as `default/shop` and its sFlow flowing.
 *
 * TEST ONLY: the stream accepts everyone as tenant `default`. The real wiring (sessions, app
 * store) lives in apps/server/src/serve.ts once auth lands.
 *
 *   pnpm exec tsx e2e/live-server.ts --port 4180
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../apps/server/src/index.ts';
import { startSandboxTelemetry } from '../apps/server/src/live/sandbox-telemetry.ts';
import { attachStream, parseTopic } from '../apps/server/src/stream/index.ts';
import { templateById } from '../packages/model/src/index.ts';
import { SandboxController } from '../packages/sandbox/src/index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4180' },
    host: { type: 'string', default: '127.0.0.1' },
    'interval-ms': { type: 'string', default: '500' },
  },
});

const app = createApp({ controller: { kind: 'sandbox', detail: 'embedded sandbox (live test)' } });
const server = app.listen(Number(values.port), values.host);
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});

// TEST ONLY: every connection is tenant `default`, allowed its own apps and telemetry health
const stream = attachStream<{ tenant: string }>(server, {
  authorize: () => ({ tenant: 'default' }),
  canSubscribe: (who, topic) => {
    const parsed = parseTopic(topic);
    return parsed?.kind === 'telemetry' || parsed?.tenant === who.tenant;
  },
  hubOptions: { rateHz: 4 },
});

const sandbox = new SandboxController();
const shop = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'default' });
await sandbox.commit(await sandbox.plan(shop));
const telemetry = await startSandboxTelemetry({
  hub: stream.hub,
  sandbox,
  collectorPort: 0,
  intervalMs: Number(values['interval-ms']),
});

const address = server.address() as AddressInfo;
process.stdout.write(
  `live test server on http://${address.address}:${address.port}/?live=default/shop ` +
    `(sFlow collector udp/${telemetry.collectorPort})\n`,
);

const stop = async () => {
  await telemetry.close();
  await sandbox.close();
  await stream.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
