/// <reference types="office-js" />

/** An office-js call that answered with `status: "failed"`: its AsyncResult error, kept whole. */
export class OfficeCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly officeName: string,
    message: string,
  ) {
    super(`${method} failed: ${message}`);
    this.name = 'OfficeCallError';
  }
}

/**
 * Wraps one callback-style office-js call into a promise. Every failure arrives as a
 * rejected `OfficeCallError` (from the AsyncResult, or from a synchronous throw for bad
 * arguments), so nothing is ever thrown inside the callback where no `try` could catch it.
 */
export function officeCall<T>(method: string, start: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        // Compared as text: the enum object belongs to whichever Office loaded.
        if (String(result.status) === 'failed') {
          const e = result.error;
          reject(new OfficeCallError(method, e?.code ?? 0, e?.name ?? 'Error', e?.message ?? 'no reason given'));
        } else {
          resolve(result.value);
        }
      });
    } catch (error) {
      reject(new OfficeCallError(method, 0, 'Exception', (error as Error).message));
    }
  });
}
