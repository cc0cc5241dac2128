import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { SandboxError } from '../errors.ts';

/** Where encoded datagrams go. */
export interface DatagramSink {
  send(bytes: Uint8Array): void;
  close(): Promise<void>;
}

/** Counts of what a UDP sink sent and what the kernel refused. */
export interface UdpSinkStats {
  readonly sent: number;
  readonly errors: number;
}

/** Sends each datagram to one collector over UDP, like an sFlow agent; never throws on send. */
export class UdpSink implements DatagramSink {
  readonly #socket: Socket;
  readonly #host: string;
  readonly #port: number;
  #sent = 0;
  #errors = 0;

  private constructor(socket: Socket, host: string, port: number) {
    this.#socket = socket;
    this.#host = host;
    this.#port = port;
    socket.on('error', () => {
      this.#errors++;
    });
  }

  /** Binds an ephemeral local socket; `telemetry-failed` if the kernel refuses. */
  static async open(host: string, port: number): Promise<UdpSink> {
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      const onError = (cause: Error) =>
        reject(
          new SandboxError(
            'telemetry-failed',
            `cannot open a UDP socket for sFlow: ${cause.message}`,
            {
              cause,
            },
          ),
        );
      socket.once('error', onError);
      socket.bind(0, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    socket.unref();
    return new UdpSink(socket, host, port);
  }

  send(bytes: Uint8Array): void {
    this.#socket.send(bytes, this.#port, this.#host, (err) => {
      if (err) this.#errors++;
      else this.#sent++;
    });
  }

  stats(): UdpSinkStats {
    return { sent: this.#sent, errors: this.#errors };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}
