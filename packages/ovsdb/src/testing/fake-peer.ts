/** A scripted JSON-RPC peer on a unix socket, for protocol tests a real server cannot stage. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFramer } from '../json-framer.ts';

export interface FakePeer {
  readonly remote: string;
  close(): Promise<void>;
}

/** Calls `onMessage` with each JSON message a client sends; `socket` lets the script answer or misbehave. */
export async function startFakePeer(
  onMessage: (message: Record<string, unknown>, socket: Socket) => void,
): Promise<FakePeer> {
  const dir = await mkdtemp(join(tmpdir(), 'netcanvas-fake-peer-'));
  const path = join(dir, 'peer.sock');
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const framer = new JsonFramer();
    socket.on('data', (chunk) => {
      for (const message of framer.push(chunk)) {
        onMessage(message as Record<string, unknown>, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    remote: `unix:${path}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Answers `message` with `result`. */
export function reply(socket: Socket, message: Record<string, unknown>, result: unknown): void {
  socket.write(JSON.stringify({ id: message.id, result, error: null }));
}
