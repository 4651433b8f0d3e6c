import { SublocError } from '../errors.js';
import type { MemoryStore } from '../memory/store.js';

/** A failure's message with `note` after it, all else kept. */
export function withNote(error: unknown, note: string): unknown {
  if (!(error instanceof SublocError)) return error;
  return new SublocError(error.code, `${error.message}${note}`, {
    cause: error.cause ?? error,
    ...(error.file === undefined ? {} : { file: error.file }),
    ...(error.line === undefined ? {} : { line: error.line }),
    diagnostics: error.diagnostics,
  });
}

/**
 * `use` on an open memory, the memory closed after it however it ends.
 * Closing may fail for the reason `use` failed (its disk full): that is said
 * after the failure, never instead of it.
 */
export async function closingMemory<T>(memory: MemoryStore, use: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await use();
  } catch (error) {
    try {
      await memory.close();
    } catch (closing) {
      throw withNote(error, `; closing the memory afterwards failed too: ${(closing as Error).message}`);
    }
    throw error;
  }
  await memory.close();
  return result;
}
