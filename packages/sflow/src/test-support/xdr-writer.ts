/** Builds XDR bytes for hand-made sFlow datagrams in tests. */
export class XdrWriter {
  readonly #bytes: number[] = [];

  u32(v: number): this {
    this.#bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    return this;
  }

  u64(v: bigint | number): this {
    const b = BigInt(v);
    return this.u32(Number((b >> 32n) & 0xffffffffn)).u32(Number(b & 0xffffffffn));
  }

  /** raw bytes, padded to 4 */
  fixed(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.#bytes.push(b[i] ?? 0);
    while (this.#bytes.length % 4 !== 0) this.#bytes.push(0);
    return this;
  }

  opaque(b: ArrayLike<number>): this {
    return this.u32(b.length).fixed(b);
  }

  string(s: string): this {
    return this.opaque(new TextEncoder().encode(s));
  }

  /** data_format + length + body */
  record(format: number, body: Uint8Array, enterprise = 0): this {
    return this.u32(((enterprise << 12) | format) >>> 0).opaque(body);
  }

  done(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

export function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

export function ipv6Bytes(text: string): number[] {
  const [head = '', tail = ''] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const n = Number.parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

export interface DatagramSpec {
  agent?: string;
  subAgentId?: number;
  sequence?: number;
  uptimeMs?: number;
  samples: { format: number; body: Uint8Array }[];
}

export function datagram(spec: DatagramSpec): Uint8Array {
  const w = new XdrWriter().u32(5);
  const agent = spec.agent ?? '192.0.2.1';
  if (agent.includes(':')) w.u32(2).fixed(ipv6Bytes(agent));
  else w.u32(1).fixed(ipv4Bytes(agent));
  w.u32(spec.subAgentId ?? 0)
    .u32(spec.sequence ?? 1)
    .u32(spec.uptimeMs ?? 1000)
    .u32(spec.samples.length);
  for (const s of spec.samples) w.record(s.format, s.body);
  return w.done();
}

export interface FlowSampleSpec {
  sequence?: number;
  sourceType?: number;
  sourceIndex?: number;
  samplingRate?: number;
  samplePool?: number;
  drops?: number;
  input?: number;
  output?: number;
  records: { format: number; body: Uint8Array; enterprise?: number }[];
}

/** compact flow sample (0:1): input/output as raw 32-bit words */
export function flowSample(s: FlowSampleSpec): { format: number; body: Uint8Array } {
  const w = new XdrWriter()
    .u32(s.sequence ?? 1)
    .u32((((s.sourceType ?? 0) << 24) | (s.sourceIndex ?? 1)) >>> 0)
    .u32(s.samplingRate ?? 100)
    .u32(s.samplePool ?? 1000)
    .u32(s.drops ?? 0)
    .u32(s.input ?? 1)
    .u32(s.output ?? 2)
    .u32(s.records.length);
  for (const r of s.records) w.record(r.format, r.body, r.enterprise);
  return { format: 1, body: w.done() };
}

export function counterSample(
  records: { format: number; body: Uint8Array; enterprise?: number }[],
  sequence = 1,
  sourceIndex = 1,
): { format: number; body: Uint8Array } {
  const w = new XdrWriter().u32(sequence).u32(sourceIndex).u32(records.length);
  for (const r of records) w.record(r.format, r.body, r.enterprise);
  return { format: 2, body: w.done() };
}

/** raw packet header record (0:1) around Ethernet bytes */
export function rawHeader(
  packet: Uint8Array,
  frameLength = packet.length + 4,
): {
  format: number;
  body: Uint8Array;
} {
  return {
    format: 1,
    body: new XdrWriter().u32(1).u32(frameLength).u32(4).opaque(packet).done(),
  };
}

export interface GenericInterfaceSpec {
  ifIndex: number;
  ifSpeed?: bigint;
  inOctets: bigint;
  inUcastPkts: number;
  outOctets: bigint;
  outUcastPkts: number;
  inErrors?: number;
  inDiscards?: number;
}

/** generic interface counters (0:1) with multicast/broadcast at 0 */
export function genericInterface(s: GenericInterfaceSpec): { format: number; body: Uint8Array } {
  const w = new XdrWriter()
    .u32(s.ifIndex)
    .u32(6)
    .u64(s.ifSpeed ?? 10_000_000_000n)
    .u32(1)
    .u32(3)
    .u64(s.inOctets)
    .u32(s.inUcastPkts)
    .u32(0)
    .u32(0)
    .u32(s.inDiscards ?? 0)
    .u32(s.inErrors ?? 0)
    .u32(0)
    .u64(s.outOctets)
    .u32(s.outUcastPkts)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(2);
  return { format: 1, body: w.done() };
}
