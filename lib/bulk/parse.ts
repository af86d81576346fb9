import Papa from 'papaparse';
import { BULK_COLUMNS, columnOf, type BulkColumn } from './columns';

// Reading the uploaded CSV into rows of known columns. Client-safe (the parser is papaparse).

export const MAX_BULK_ROWS = 5_000;
// Server actions take bodies up to 1 MB (Next's default); 5,000 rows fit in well under that.
export const MAX_BULK_BYTES = 900 * 1024;

export type BulkCells = Partial<Record<BulkColumn, string>>;

export interface CsvRow {
  /** Position of the record in the file; the header is 1, so data starts at 2. */
  rowNumber: number;
  cells: BulkCells;
}

export type ParsedCsv = { ok: true; rows: CsvRow[]; ignoredColumns: string[] } | { ok: false; message: string };

export function parseBulkCsv(text: string): ParsedCsv {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, message: 'The file is empty.' };
  // Semicolons are what spreadsheet exports use where the comma is the decimal mark.
  const result = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const fatal = result.errors.find((error) => error.type === 'Quotes');
  if (fatal) return { ok: false, message: `Row ${(fatal.row ?? 0) + 1}: ${fatal.message}. Check the quotes around that row.` };

  const [header, ...records] = result.data;
  const columns = header.map(columnOf);
  const known = new Set(columns.filter((c): c is BulkColumn => c !== null));
  if (!known.has('email') && !known.has('approvalId')) {
    return { ok: false, message: `The first row must name the columns (${BULK_COLUMNS.slice(0, 6).join(', ')}, …); none of email or approvalId was found.` };
  }
  const duplicate = columns.find((c, i) => c !== null && columns.indexOf(c) !== i);
  if (duplicate) return { ok: false, message: `The column ${duplicate} appears twice.` };
  if (records.length === 0) return { ok: false, message: 'The file has a header but no rows.' };
  if (records.length > MAX_BULK_ROWS) return { ok: false, message: `The file has ${records.length} rows; split it into files of at most ${MAX_BULK_ROWS}.` };

  const rows = records.map((record, index) => {
    const cells: BulkCells = {};
    columns.forEach((column, i) => {
      if (column && record[i] !== undefined) cells[column] = record[i].trim();
    });
    return { rowNumber: index + 2, cells };
  });
  const ignoredColumns = header.filter((_h, i) => columns[i] === null && header[i].trim() !== '');
  return { ok: true, rows, ignoredColumns };
}

/** One CSV line for the report (papaparse quotes what needs quoting). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return Papa.unparse(rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))), { newline: '\r\n', escapeFormulae: true });
}
