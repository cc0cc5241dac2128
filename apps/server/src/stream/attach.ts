import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type CanSubscribe, StreamConnection } from './connection.ts';
import { StreamHub, type StreamHubOptions, type StreamMetrics } from './hub.ts';

/** Who is connecting, from the upgrade request (session cookie or bearer token). */
export type Authorize<P> = (req: IncomingMessage) => P | undefined | Promise<P | undefined>;

export interface AttachStreamOptions<P> {
  /** default /api/stream */
  readonly path?: string;
  /** undefined refuses the upgrade with 401 */
  readonly authorize: Authorize<P>;
  /** false answers the subscribe with an `error` frame `forbidden` and sends no data */
  readonly canSubscribe: CanSubscribe<P>;
  /** a hub shared with the publishers; one is created (and started) when omitted */
  readonly hub?: StreamHub;
  readonly hubOptions?: StreamHubOptions;
  /** largest client frame accepted; larger ones close the connection with 1009 (default 16 KiB) */
  readonly maxPayload?: number;
  /** ping interval; a client that has not answered the previous ping is closed (default 30 s) */
  readonly heartbeatMs?: number;
  /**
   * Browsers send cookies on cross-site WebSocket upgrades; the default accepts no Origin
   * (non-browser clients) or one whose host is the request's Host.
   */
  readonly allowOrigin?: (origin: string, req: IncomingMessage) => boolean;
}

/** Stream counters plus what the WebSocket layer refused or closed. */
export interface StreamServerMetrics extends StreamMetrics {
  readonly upgradesRefused: number;
  readonly heartbeatTimeouts: number;
  readonly errorFrames: number;
}

/** The stream endpoint attached to an HTTP server. */
export interface StreamServer {
  readonly hub: StreamHub;
  metrics(): StreamServerMetrics;
  /** Closes every client (1001) and detaches from the HTTP server. */
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** Serves live topics over WebSocket on `path` of an HTTP server. */
export function attachStream<P>(server: Server, options: AttachStreamOptions<P>): StreamServer {
  const path = options.path ?? '/api/stream';
  const ownHub = options.hub === undefined;
  const hub = options.hub ?? new StreamHub(options.hubOptions);
  if (ownHub) hub.start();
  const allowOrigin = options.allowOrigin ?? sameHost;
  // no compression: it would deflate every frame once per client, undoing the shared Buffers
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload ?? 16 * 1024,
    perMessageDeflate: false,
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const connections = new Set<StreamConnection<P>>();
  let upgradesRefused = 0;
  let heartbeatTimeouts = 0;
  let closedErrorFrames = 0;

  const refuse = (socket: Duplex, status: number, code: string, message: string) => {
    upgradesRefused++;
    const body = JSON.stringify({ code, message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nconnection: close\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) {
      // leave other paths to other upgrade handlers, if there are any
      if (server.listenerCount('upgrade') === 1)
        refuse(socket, 404, 'not-found', `no stream at ${req.url}`);
      return;
    }
    socket.on('error', () => socket.destroy());
    const origin = req.headers.origin;
    if (origin !== undefined && !allowOrigin(origin, req)) {
      return refuse(socket, 403, 'forbidden-origin', `connections from ${origin} are not allowed`);
    }
    let principal: P | undefined;
    try {
      principal = await options.authorize(req);
    } catch {
      return refuse(socket, 500, 'internal', 'the server failed to check your credentials');
    }
    if (principal === undefined) {
      return refuse(
        socket,
        401,
        'unauthorized',
        'sign in, or send a valid token, to open the stream',
      );
    }
    if (socket.destroyed) return;
    const who = principal;
    const batch = wantsBatches(req);
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, who, batch));
  };

  const onConnection = (ws: WebSocket, principal: P, batch: boolean) => {
    const connection = new StreamConnection(
      hub.connect(ws, { batch }),
      principal,
      options.canSubscribe,
    );
    connections.add(connection);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => connection.receive(data, isBinary));
    // ws reports protocol violations (oversized frames) here, then closes the socket
    ws.on('error', () => {});
    ws.on('close', () => {
      closedErrorFrames += connection.errorsSent;
      connections.delete(connection);
      connection.close();
    });
  };

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        heartbeatTimeouts++;
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void onUpgrade(req, socket, head);
  server.on('upgrade', listener);

  return {
    hub,
    metrics: () => {
      let errorFrames = closedErrorFrames;
      for (const c of connections) errorFrames += c.errorsSent;
      return { ...hub.metrics(), upgradesRefused, heartbeatTimeouts, errorFrames };
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        server.off('upgrade', listener);
        if (ownHub) hub.stop();
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        wss.close(() => resolve());
        // clients that do not complete the closing handshake are cut
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000).unref();
      }),
  };
}

/** `?batch=1` on the stream URL: the client unpacks `batch` messages (older clients do not). */
function wantsBatches(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('batch') === '1';
}

function sameHost(origin: string, req: IncomingMessage): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
