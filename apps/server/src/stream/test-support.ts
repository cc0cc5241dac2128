import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket } from 'ws';
import { type AttachStreamOptions, attachStream, type StreamServer } from './attach.ts';
import { StreamHub, type StreamHubOptions } from './hub.ts';
import { parseTopic, type ServerMessage, type Topic } from './protocol.ts';

/** The principal the stub authorizer hands out. */
export interface TestPrincipal {
  readonly user: string;
  readonly tenants: readonly string[];
  readonly admin: boolean;
}

const TOKENS: Record<string, TestPrincipal> = {
  alice: { user: 'alice', tenants: ['acme'], admin: false },
  root: { user: 'root', tenants: ['acme', 'globex'], admin: true },
};

/** Stub of the session/token check: `authorization: Bearer <name>`. */
export function stubAuthorize(req: IncomingMessage): TestPrincipal | undefined {
  const token = /^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1];
  return token === undefined ? undefined : TOKENS[token];
}

/** Stub of the tenant rule: an app topic of one's tenants; health for admins. */
export function stubCanSubscribe(p: TestPrincipal, topic: Topic): boolean {
  const t = parseTopic(topic);
  if (t?.kind === 'app') return p.tenants.includes(t.tenant);
  return p.admin;
}

/** A real HTTP server on 127.0.0.1 with the stream attached; the hub ticks only when told. */
export interface StreamFixture {
  readonly url: string;
  readonly hub: StreamHub;
  readonly stream: StreamServer;
  close(): Promise<void>;
}

export async function startStreamServer(
  hubOptions: StreamHubOptions = {},
  options: Partial<AttachStreamOptions<TestPrincipal>> = {},
): Promise<StreamFixture> {
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hub = new StreamHub(hubOptions);
  const stream = attachStream(server, {
    authorize: stubAuthorize,
    canSubscribe: stubCanSubscribe,
    hub,
    ...options,
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/api/stream`,
    hub,
    stream,
    close: async () => {
      hub.stop();
      await stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A WebSocket client that queues what it receives, for tests. */
export class TestClient {
  readonly ws: WebSocket;
  /** frames one by one: a `batch` message is unpacked, as the console does */
  readonly received: ServerMessage[] = [];
  /** WebSocket messages as they came, batches whole */
  readonly messages: ServerMessage[] = [];
  #cursor = 0;
  #wake: (() => void) | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the stream sent a binary frame');
      const m = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(m);
      if (m.type === 'batch') this.received.push(...m.frames);
      else this.received.push(m);
      this.#wake?.();
    });
  }

  /** `batch` opens the stream with `?batch=1`: a tick's frames come in one message. */
  static open(
    url: string,
    token: string | undefined = 'alice',
    options: { autoPong?: boolean; batch?: boolean } = {},
  ): Promise<TestClient> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const { batch, ...wsOptions } = options;
    const ws = new WebSocket(batch ? `${url}?batch=1` : url, { headers, ...wsOptions });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message not yet taken; fails after `timeoutMs`. */
  async next(timeoutMs = 2000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.#cursor >= this.received.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.received[this.#cursor++] as ServerMessage;
  }

  /** Messages not yet taken, after waiting `ms` for stragglers. */
  async drain(ms = 50): Promise<ServerMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const rest = this.received.slice(this.#cursor);
    this.#cursor = this.received.length;
    return rest;
  }

  /** The TCP socket under the client, to stop reading like a stuck browser tab. */
  get socket(): Socket {
    return (this.ws as unknown as { _socket: Socket })._socket;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.terminate();
    });
  }
}

/** Resolves on the next macrotask, letting socket I/O run. */
export function settle(ms = 10): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
