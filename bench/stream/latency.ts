import { createSocket } from 'node:dgram';
import { type BrowserReceiver, openBrowserReceiver } from './browser.ts';
import { MARKER_SRC, markerDatagram, markerPort, markersIn } from './marker.ts';
import type { BenchServer } from './real-server.ts';
import { type Summary, summarize } from './stats.ts';
import { DashboardClient } from './stream-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/** One end-to-end latency run against the real server. */
export interface LatencyResult {
  readonly sent: number;
  readonly node: Summary;
  readonly browser: Summary;
  readonly browserVersion: string;
  /** the app's topic states as a dashboard held them before the markers: the fan-out payloads */
  readonly payloads: Record<'ports' | 'links' | 'flows', Record<string, unknown>>;
}

async function waitFor(what: string, ready: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Sends `samples` marker datagrams to the server's sFlow collector at random 200–500 ms gaps
 * (so they do not lock to the refresh timer) and times each one until it shows in the app's
 * `flows` topic in a Node client and in a Chromium page.
 */
export async function measureLatency(
  server: BenchServer,
  samples: number,
  log: (line: string) => void,
): Promise<LatencyResult> {
  const topic = (s: string) => `app/${server.tenant}/${server.appId}/${s}`;
  const nodeMarks = new Map<number, number>();
  const client = await DashboardClient.open(
    server.url,
    server.cookie,
    ['ports', 'links', 'flows', 'events'].map(topic),
    (f, at) => {
      if (f.topic !== topic('flows')) return;
      for (const p of markersIn(f)) if (!nodeMarks.has(p)) nodeMarks.set(p, at);
    },
  );
  let browser: BrowserReceiver | undefined;
  const udp = createSocket('udp4');
  try {
    log('waiting for the sandbox sFlow to reach the ports topic');
    type Port = { agent: string; ifIndex: number; inBps: number | null };
    const ports = () => Object.values(client.states.get(topic('ports')) ?? {}) as Port[];
    await waitFor('live port counters', () => ports().some((p) => (p.inBps ?? 0) > 0), 20_000);
    await waitFor(
      'sandbox flows',
      () => Object.keys(client.states.get(topic('flows')) ?? {}).length > 0,
      20_000,
    );
    // what a dashboard holds before any marker: the fan-out payloads
    const payloads = {
      ports: { ...client.states.get(topic('ports')) },
      links: { ...client.states.get(topic('links')) },
      flows: { ...client.states.get(topic('flows')) },
    };
    const port = ports()[0] as Port;
    browser = await openBrowserReceiver(server.url, server.cookie, topic('flows'), MARKER_SRC);
    log(`${browser.version}; sending ${samples} markers via ${port.agent} ifIndex ${port.ifIndex}`);
    const sentAt = new Map<number, number>();
    for (let i = 0; i < samples; i++) {
      await sleep(200 + Math.random() * 300);
      const d = markerDatagram(port.agent, port.ifIndex, i);
      sentAt.set(markerPort(i), now());
      udp.send(d, server.sflowPort, '127.0.0.1');
      if ((i + 1) % 50 === 0) log(`  ${i + 1}/${samples} markers sent`);
    }
    await sleep(3_000);
    const browserMarks = await browser.marks();
    const latencies = (marks: (port: number) => number | undefined) =>
      [...sentAt].flatMap(([p, t]) => {
        const at = marks(p);
        return at === undefined ? [] : [at - t];
      });
    return {
      sent: samples,
      node: summarize(latencies((p) => nodeMarks.get(p))),
      browser: summarize(latencies((p) => browserMarks[String(p)])),
      browserVersion: browser.version,
      payloads,
    };
  } finally {
    udp.close();
    client.close();
    await browser?.close();
  }
}
