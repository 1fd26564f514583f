/** The caseload import's answers (`POST /api/caseload/import` with `Accept: application/x-ndjson`, `GET/PUT /api/caseload/mapping`). */
export interface ImportProgress {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportResult extends Omit<ImportProgress, 'read'> {
  errors: { line: number; field: string; message: string }[];
  rejectedCsv: string;
  sameAsLastImport?: { importedAt: string };
}

export type ImportMessage = ({ type: 'progress' } & ImportProgress) | ({ type: 'result' } & ImportResult) | { type: 'error'; status: number; code: string; message: string };

export interface ColumnMapAnswer {
  columns: Record<string, string>;
  ourColumns: string[];
  updatedAt?: string | null;
}
