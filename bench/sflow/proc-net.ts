import { readFile } from 'node:fs/promises';

/**
 * Receive-buffer drops of the IPv4 UDP socket bound to 127.0.0.1:`port`, from the last
 * column of /proc/net/udp (the socket's sk_drops); undefined when no such socket.
 */
export async function socketDrops(port: number): Promise<number | undefined> {
  const text = await readFile('/proc/net/udp', 'utf8');
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local) return Number(fields.at(-1));
  }
  return undefined;
}

/** Udp RcvbufErrors from /proc/net/snmp: every receive-buffer drop on the machine. */
export async function udpRcvbufErrors(): Promise<number> {
  const lines = (await readFile('/proc/net/snmp', 'utf8'))
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const [names, values] = lines.map((l) => l.split(/\s+/).slice(1));
  const i = names?.indexOf('RcvbufErrors') ?? -1;
  return i < 0 ? 0 : Number(values?.[i] ?? 0);
}
