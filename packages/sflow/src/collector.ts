import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  type AgentHealth,
  type AgentHealthOptions,
  AgentHealthTracker,
  type SequenceEvent,
} from './aggregate/agent-health.ts';
import { decodeDatagram, peekAgentAddress } from './datagram.ts';
import { SflowDecodeError } from './errors.ts';
import type { DecodeOptions, SflowDatagram } from './types.ts';
import { SFLOW_PORT } from './udp-extract.ts';

export interface SflowCollectorOptions {
  /** UDP port for both families (default 6343; 0 picks a free one) */
  readonly port?: number;
  /** which sockets to open (default both) */
  readonly families?: readonly ('ipv4' | 'ipv6')[];
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  /** socket receive buffer in bytes, so bursts are not dropped by the kernel (default 8 MiB) */
  readonly recvBufferSize?: number;
  readonly decode?: DecodeOptions;
  readonly health?: AgentHealthOptions;
  /** clock for receive times (default Date.now) */
  readonly now?: () => number;
}

export interface Sender {
  readonly address: string;
  readonly port: number;
  readonly family: 'IPv4' | 'IPv6';
}

export interface ReceivedDatagram {
  readonly datagram: SflowDatagram;
  readonly sender: Sender;
  readonly receivedAtMs: number;
  readonly sequenceEvent: SequenceEvent;
}

export interface RejectedDatagram {
  readonly error: SflowDecodeError;
  readonly sender: Sender;
  readonly receivedAtMs: number;
  /** agent address from the header when readable, else the sender address */
  readonly agent: string;
  readonly size: number;
}

export interface CollectorStats {
  readonly received: number;
  readonly decoded: number;
  readonly decodeErrors: number;
  readonly socketErrors: number;
  readonly agents: readonly AgentHealth[];
}

type CollectorEvents = {
  datagram: [ReceivedDatagram];
  'decode-error': [RejectedDatagram];
  /** socket failures after start; emitted only when someone listens */
  error: [Error];
};

/**
 * Receives sFlow v5 over UDP on IPv4 and IPv6, decodes every datagram and keeps per-agent
 * health. A datagram that fails to decode is counted and reported, never fatal.
 */
export class SflowCollector extends EventEmitter<CollectorEvents> {
  readonly #options: SflowCollectorOptions;
  readonly #health: AgentHealthTracker;
  readonly #now: () => number;
  readonly #sockets = new Map<'ipv4' | 'ipv6', Socket>();
  #received = 0;
  #decoded = 0;
  #decodeErrors = 0;
  #socketErrors = 0;

  constructor(options: SflowCollectorOptions = {}) {
    super();
    this.#options = options;
    this.#health = new AgentHealthTracker(options.health);
    this.#now = options.now ?? Date.now;
  }

  /** Binds the sockets; resolves once all are listening. */
  async start(): Promise<void> {
    const families = this.#options.families ?? ['ipv4', 'ipv6'];
    let port = this.#options.port ?? SFLOW_PORT;
    try {
      for (const family of families) {
        const socket = await this.#bindWithFallback(family, port);
        // reuse the first socket's port so both families listen on the same number
        port = socket.address().port;
      }
    } catch (e) {
      await this.close();
      throw e;
    }
  }

  async #bindWithFallback(family: 'ipv4' | 'ipv6', port: number): Promise<Socket> {
    try {
      return await this.#bind(family, port);
    } catch (e) {
      if (this.#options.port !== 0 || port === 0) throw e;
      return this.#bind(family, 0);
    }
  }

  #bind(family: 'ipv4' | 'ipv6', port: number): Promise<Socket> {
    const socket = createSocket({
      type: family === 'ipv4' ? 'udp4' : 'udp6',
      ipv6Only: family === 'ipv6',
    });
    const address =
      family === 'ipv4'
        ? (this.#options.ipv4Address ?? '0.0.0.0')
        : (this.#options.ipv6Address ?? '::');
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => {
        socket.close();
        reject(e);
      };
      socket.once('error', onError);
      socket.bind(port, address, () => {
        socket.off('error', onError);
        try {
          socket.setRecvBufferSize(this.#options.recvBufferSize ?? 8 * 1024 * 1024);
        } catch {
          // the kernel caps it (net.core.rmem_max); the default buffer still works
        }
        socket.on('error', (err) => this.#onSocketError(err));
        socket.on('message', (msg, rinfo) => this.#onMessage(msg, rinfo));
        this.#sockets.set(family, socket);
        resolve(socket);
      });
    });
  }

  #onSocketError(err: Error): void {
    this.#socketErrors++;
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  #onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    this.#received++;
    const receivedAtMs = this.#now();
    const sender: Sender = { address: rinfo.address, port: rinfo.port, family: rinfo.family };
    let datagram: SflowDatagram;
    try {
      datagram = decodeDatagram(msg, this.#options.decode);
    } catch (e) {
      const error =
        e instanceof SflowDecodeError
          ? e
          : new SflowDecodeError('unexpected', 'unexpected decoder failure', 0, { cause: e });
      this.#decodeErrors++;
      const agent = peekAgentAddress(msg) ?? rinfo.address;
      this.#health.recordDecodeError(agent, error.code, receivedAtMs);
      this.emit('decode-error', { error, sender, receivedAtMs, agent, size: msg.length });
      return;
    }
    this.#decoded++;
    const sequenceEvent = this.#health.recordDatagram(datagram, receivedAtMs);
    this.emit('datagram', { datagram, sender, receivedAtMs, sequenceEvent });
  }

  /** Bound addresses per family. */
  addresses(): { ipv4?: AddressInfo; ipv6?: AddressInfo } {
    const out: { ipv4?: AddressInfo; ipv6?: AddressInfo } = {};
    for (const [family, socket] of this.#sockets) out[family] = socket.address();
    return out;
  }

  /** Effective receive buffer per family (the kernel may grant less than asked). */
  recvBufferSizes(): { ipv4?: number; ipv6?: number } {
    const out: { ipv4?: number; ipv6?: number } = {};
    for (const [family, socket] of this.#sockets) out[family] = socket.getRecvBufferSize();
    return out;
  }

  get listening(): boolean {
    return this.#sockets.size > 0;
  }

  stats(): CollectorStats {
    return {
      received: this.#received,
      decoded: this.#decoded,
      decodeErrors: this.#decodeErrors,
      socketErrors: this.#socketErrors,
      agents: this.#health.snapshot(),
    };
  }

  health(agent: string): AgentHealth | undefined {
    return this.#health.get(agent);
  }

  /** Closes every socket; resolves when they are closed. */
  async close(): Promise<void> {
    const sockets = [...this.#sockets.values()];
    this.#sockets.clear();
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
