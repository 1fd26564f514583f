import { initialSchema } from './001_initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append new ones; never edit or remove a released one. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial schema', sql: initialSchema }];
