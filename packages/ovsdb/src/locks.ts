import { OvsdbError } from './errors.ts';

type Send = (method: string, params: unknown[]) => Promise<unknown>;
type LockEvent = (event: 'locked' | 'stolen', lockId: string) => void;

/**
 * The locks a client wants (RFC 7047 §4.1.8–4.1.10). Locks belong to a session, so after a
 * reconnect every wanted lock is requested again (never stolen again).
 */
export class LockSet {
  readonly #send: Send;
  readonly #emit: LockEvent;
  readonly #wanted = new Set<string>();

  constructor(send: Send, emit: LockEvent) {
    this.#send = send;
    this.#emit = emit;
  }

  async lock(lockId: string): Promise<boolean> {
    this.#wanted.add(lockId);
    return lockedFlag(await this.#send('lock', [lockId]));
  }

  async steal(lockId: string): Promise<boolean> {
    this.#wanted.add(lockId);
    return lockedFlag(await this.#send('steal', [lockId]));
  }

  async unlock(lockId: string): Promise<void> {
    this.#wanted.delete(lockId);
    await this.#send('unlock', [lockId]);
  }

  /** Re-requests every wanted lock on a fresh session. */
  async relock(): Promise<void> {
    await Promise.all(
      [...this.#wanted].map(async (lockId) => {
        if (lockedFlag(await this.#send('lock', [lockId]))) this.#emit('locked', lockId);
      }),
    );
  }

  /** Handles `locked`/`stolen`; false if the notification is something else. */
  onNotification(method: string, params: unknown[]): boolean {
    const lockId = params[0];
    if ((method !== 'locked' && method !== 'stolen') || typeof lockId !== 'string') return false;
    this.#emit(method, lockId);
    return true;
  }
}

function lockedFlag(result: unknown): boolean {
  if (result !== null && typeof result === 'object' && 'locked' in result) {
    return (result as { locked: unknown }).locked === true;
  }
  throw new OvsdbError('PROTOCOL_ERROR', 'lock reply has no "locked" member', { details: result });
}
