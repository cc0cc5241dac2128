import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SflowCollector } from './node.ts';
import { fixtureDatagrams } from './test-support/fixture.ts';

const payloads = fixtureDatagrams().map((u) => u.payload);

function send(socket: Socket, bytes: Uint8Array, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.send(bytes, port, host, (e) => (e ? reject(e) : resolve())),
  );
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for datagrams');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('UDP collector on loopback', () => {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });

  it('decodes the fixture over IPv4, counts one garbage datagram and keeps running', async () => {
    const collector = new SflowCollector({ port: 0 });
    open.push(collector);
    await collector.start();
    const port = collector.addresses().ipv4?.port ?? 0;
    expect(port).toBeGreaterThan(0);
    expect(collector.addresses().ipv6?.port).toBe(port);
    const seen: number[] = [];
    const rejected: string[] = [];
    collector.on('datagram', (r) => seen.push(r.datagram.sequence));
    collector.on('decode-error', (r) => rejected.push(r.error.code));

    const client = createSocket('udp4');
    open.push({ close: () => new Promise<void>((r) => client.close(() => r())) });
    for (const p of payloads.slice(0, 30)) await send(client, p, port, '127.0.0.1');
    await send(client, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), port, '127.0.0.1');
    for (const p of payloads.slice(30)) await send(client, p, port, '127.0.0.1');
    await until(() => collector.stats().received === 70);

    expect(seen).toHaveLength(69);
    expect(seen[0]).toBe(590);
    expect(seen.at(-1)).toBe(658);
    expect(rejected).toEqual(['bad-version']);
    const stats = collector.stats();
    expect(stats).toMatchObject({ received: 70, decoded: 69, decodeErrors: 1 });
    expect(collector.health('127.0.0.1')).toMatchObject({
      datagrams: 69,
      samples: 391,
      flowSamples: 366,
      counterSamples: 25,
      decodeErrors: 1,
      lostDatagrams: 0,
    });
    expect(collector.listening).toBe(true);
  });

  it('receives over ::1 and counts a skipped datagram as lost', async () => {
    const collector = new SflowCollector({ port: 0, recvBufferSize: 4 * 1024 * 1024 });
    open.push(collector);
    await collector.start();
    const port = collector.addresses().ipv6?.port ?? 0;
    const client = createSocket('udp6');
    open.push({ close: () => new Promise<void>((r) => client.close(() => r())) });
    const sent = payloads.filter((_, i) => i !== 10);
    for (const p of sent) await send(client, p, port, '::1');
    await until(() => collector.stats().decoded === sent.length);
    expect(collector.health('127.0.0.1')).toMatchObject({
      datagrams: 68,
      lostDatagrams: 1,
      duplicates: 0,
    });
    expect(collector.recvBufferSizes().ipv6).toBeGreaterThan(0);
  });

  it('stops receiving after close', async () => {
    const collector = new SflowCollector({ port: 0, families: ['ipv4'] });
    await collector.start();
    expect(collector.addresses().ipv6).toBeUndefined();
    await collector.close();
    expect(collector.listening).toBe(false);
  });
});

describe('collector start failures', () => {
  it('rejects and leaves nothing bound when the port is taken', async () => {
    const first = new SflowCollector({ port: 0, families: ['ipv4'] });
    await first.start();
    const port = first.addresses().ipv4?.port ?? 0;
    const second = new SflowCollector({ port, families: ['ipv6', 'ipv4'], ipv6Address: '::1' });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
    expect(second.listening).toBe(false);
    await first.close();
  });
});
