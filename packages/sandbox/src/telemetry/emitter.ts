import {
  type DatagramInput,
  type FlowSample,
  type PacketSpec,
  rawHeaderRecord,
  type SflowSample,
} from '@netcanvas/sflow';
import { PortCounters } from './counters.ts';
import type { FlowDirection, TrafficFlow } from './flows.ts';
import { hash32, Random } from './random.ts';

/** A port the emitter reports counters for. */
export interface EmitterPort {
  readonly ifIndex: number;
  /** sent as the port-name counter record */
  readonly name: string;
}

export interface TrafficEmitterOptions {
  readonly agentAddress: string;
  /** one packet in this many is sampled */
  readonly samplingRate: number;
  readonly seed: number;
  /** the agent's boot time: uptime counts from it */
  readonly startedAtMs: number;
  /** samples per datagram, so a datagram stays under a 1500-byte MTU (default 6) */
  readonly maxSamplesPerDatagram?: number;
}

const TWO_POW_32 = 0x1_0000_0000;
/** sFlow v5 output format 1 (discard) reason: dropped by an access control list */
export const DISCARD_ACL = 258;
const FCS = 4;
// each tick a rate moves by up to this fraction, staying inside its range
const JITTER = 0.1;

interface DirectionState {
  bps: number;
  packets: number;
  samples: number;
}

interface FlowState {
  readonly rng: Random;
  readonly request: DirectionState;
  readonly response: DirectionState;
  seq: number;
}

/**
 * Turns traffic flows into sFlow datagrams, one tick at a time: per-flow rates that
 * wander inside their range, packets counted on the ports they cross, and 1-in-N
 * samples of them with synthetic headers. Pure: time and seed come from the caller,
 * so the same ticks give the same datagrams.
 */
export class TrafficEmitter {
  readonly #options: TrafficEmitterOptions;
  readonly #flows = new Map<string, FlowState>();
  readonly #ports = new Map<number, PortCounters>();
  #lastMs: number;
  #sequence = 0;

  constructor(options: TrafficEmitterOptions) {
    this.#options = options;
    this.#lastMs = options.startedAtMs;
  }

  /** Counters of a port (created on first use). */
  port(ifIndex: number): PortCounters {
    let p = this.#ports.get(ifIndex);
    if (!p) {
      p = new PortCounters();
      this.#ports.set(ifIndex, p);
    }
    return p;
  }

  /**
   * Advances to `nowMs`: the traffic of every flow since the last tick, flow samples of
   * it, and (when `counters`) a counter sample for every port.
   */
  tick(
    nowMs: number,
    flows: readonly TrafficFlow[],
    ports: readonly EmitterPort[],
    counters: boolean,
  ): DatagramInput[] {
    const seconds = (nowMs - this.#lastMs) / 1000;
    if (seconds <= 0) return [];
    this.#lastMs = nowMs;
    const samples: SflowSample[] = [];
    const live = new Set<string>();
    for (const flow of flows) {
      live.add(flow.id);
      const state = this.#state(flow);
      this.#carry(flow, flow.request, state, state.request, seconds, samples, true);
      // a dropped attempt is never answered
      if (!flow.denied)
        this.#carry(flow, flow.response, state, state.response, seconds, samples, false);
    }
    for (const id of this.#flows.keys()) if (!live.has(id)) this.#flows.delete(id);
    if (counters)
      for (const p of ports) samples.push(this.port(p.ifIndex).sample(p.ifIndex, p.name));
    return this.#pack(nowMs, samples);
  }

  #state(flow: TrafficFlow): FlowState {
    let s = this.#flows.get(flow.id);
    if (!s) {
      const rng = new Random(hash32(flow.id) ^ this.#options.seed);
      const start = (r: FlowDirection['rate']): DirectionState => ({
        bps: rng.between(r.min, r.max),
        packets: 0,
        samples: rng.next(),
      });
      s = {
        rng,
        request: start(flow.request.rate),
        response: start(flow.response.rate),
        seq: rng.int(1, 2 ** 31),
      };
      this.#flows.set(flow.id, s);
    }
    return s;
  }

  #carry(
    flow: TrafficFlow,
    dir: FlowDirection,
    state: FlowState,
    d: DirectionState,
    seconds: number,
    out: SflowSample[],
    isRequest: boolean,
  ): void {
    d.bps = Math.min(
      dir.rate.max,
      Math.max(dir.rate.min, d.bps * (1 + state.rng.between(-JITTER, JITTER))),
    );
    const wire = dir.frameBytes + FCS;
    d.packets += (d.bps * seconds) / 8 / wire;
    const packets = Math.floor(d.packets);
    d.packets -= packets;
    if (packets === 0) return;
    const sender = dir.senderIfIndex === undefined ? undefined : this.port(dir.senderIfIndex);
    const receiver = dir.receiverIfIndex === undefined ? undefined : this.port(dir.receiverIfIndex);
    const dropped = flow.denied !== undefined;
    // what the firewall drops is sampled (as a discard) but never counted as delivered
    if (sender && !dropped) {
      sender.inOctets += packets * wire;
      sender.inPackets += packets;
    }
    if (receiver && !dropped) {
      receiver.outOctets += packets * wire;
      receiver.outPackets += packets;
    }
    // sampled where the packet enters the switch: the sender's port, else the receiver's
    const sourceIf = dropped ? dir.senderIfIndex : (dir.senderIfIndex ?? dir.receiverIfIndex);
    const source = dropped ? sender : (sender ?? receiver);
    if (sourceIf === undefined || !source) return;
    source.pool = (source.pool + packets) % TWO_POW_32;
    d.samples += packets / this.#options.samplingRate;
    const n = Math.floor(d.samples);
    d.samples -= n;
    for (let i = 0; i < n; i++)
      out.push(this.#flowSample(flow, dir, state, sourceIf, source, isRequest));
  }

  #flowSample(
    flow: TrafficFlow,
    dir: FlowDirection,
    state: FlowState,
    sourceIf: number,
    source: PortCounters,
    isRequest: boolean,
  ): FlowSample {
    state.seq = (state.seq + dir.frameBytes) % TWO_POW_32;
    const transport: PacketSpec['transport'] =
      flow.protocol === 'icmp'
        ? { protocol: 'icmp', type: isRequest ? 8 : 0, code: 0 }
        : flow.protocol === 'udp'
          ? { protocol: 'udp', srcPort: dir.srcPort, dstPort: dir.dstPort }
          : {
              protocol: 'tcp',
              srcPort: dir.srcPort,
              dstPort: dir.dstPort,
              // a dropped attempt never gets past its SYN
              flags: flow.denied ? 0x02 : 0x18,
              seq: state.seq,
            };
    const spec: PacketSpec = {
      ethernet: { src: dir.srcMac, dst: dir.dstMac },
      // a packet from outside has crossed the gateway router and the tier router
      ip: {
        version: 4,
        src: dir.srcIp,
        dst: dir.dstIp,
        ttl: dir.senderIfIndex === undefined ? 62 : 64,
        id: state.rng.int(0, 0xffff),
      },
      transport,
      frameLength: dir.frameBytes,
    };
    const sequence = source.flowSequence;
    source.flowSequence = (source.flowSequence + 1) % TWO_POW_32;
    return {
      kind: 'flow',
      expanded: false,
      sequence,
      sourceId: { type: 0, index: sourceIf },
      samplingRate: this.#options.samplingRate,
      samplePool: source.pool,
      drops: 0,
      input: { format: 'ifindex', ifIndex: dir.senderIfIndex ?? 0 },
      output: flow.denied
        ? { format: 'discard', reason: DISCARD_ACL }
        : { format: 'ifindex', ifIndex: dir.receiverIfIndex ?? 0 },
      records: [
        rawHeaderRecord(spec),
        { type: 'extended-switch', srcVlan: 0, srcPriority: 0, dstVlan: 0, dstPriority: 0 },
      ],
    };
  }

  #pack(nowMs: number, samples: readonly SflowSample[]): DatagramInput[] {
    const per = this.#options.maxSamplesPerDatagram ?? 6;
    const out: DatagramInput[] = [];
    for (let i = 0; i < samples.length; i += per) {
      this.#sequence = (this.#sequence + 1) % TWO_POW_32;
      out.push({
        agent: this.#options.agentAddress,
        subAgentId: 0,
        sequence: this.#sequence,
        uptimeMs: Math.max(0, nowMs - this.#options.startedAtMs) % TWO_POW_32,
        samples: samples.slice(i, i + per),
      });
    }
    return out;
  }
}
