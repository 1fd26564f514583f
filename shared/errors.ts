/**
 * Errors the domain core raises. Each has a stable `code` that callers (CLI, API,
 * add-in) map to their own responses, and a message a person can act on.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A date that is not a real `YYYY-MM-DD` calendar date (e.g. 2025-02-30). */
export class InvalidDateError extends DomainError {
  constructor(value: unknown, field?: string) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    super('invalid-date', `${shown} is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)`, field);
  }
}
