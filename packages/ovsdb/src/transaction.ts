import { OvsdbError, TransactionError } from './errors.ts';
import type { OperationResult } from './operations.ts';

/**
 * Checks a `transact` reply. OVSDB reports a failed operation as `{error, details}` in that
 * operation's slot (later slots are null) and a failed commit as one extra slot at the end.
 */
export function transactionResults(result: unknown, operationCount: number): OperationResult[] {
  if (!Array.isArray(result)) {
    throw new OvsdbError('PROTOCOL_ERROR', 'transact reply is not an array', { details: result });
  }
  for (const [index, slot] of result.entries()) {
    if (slot !== null && typeof slot === 'object' && 'error' in slot) {
      const { error, details } = slot as { error: unknown; details?: unknown };
      throw new TransactionError(
        index,
        operationCount,
        typeof error === 'string' ? error : JSON.stringify(error),
        typeof details === 'string' ? details : undefined,
        result,
      );
    }
  }
  if (result.length < operationCount) {
    throw new OvsdbError('PROTOCOL_ERROR', 'transact reply has fewer results than operations', {
      details: result,
    });
  }
  return result as OperationResult[];
}
