// Turns an uploaded CSV or JSON file into task inputs, row by row, keeping each row's problem.

export interface TaskDraft {
  /** 1-based row (CSV: line of the record after the header; JSON: array index + 1). */
  row: number;
  info: Record<string, unknown>;
  nAnswers?: number;
  priority0?: number;
  calibration?: number;
  quorum?: number;
}

export interface RowProblem {
  row: number;
  message: string;
}

export interface ParsedImport {
  drafts: TaskDraft[];
  problems: RowProblem[];
}

const NUMBER_FIELDS = { n_answers: 'nAnswers', priority_0: 'priority0', calibration: 'calibration', quorum: 'quorum' } as const;
type NumberColumn = keyof typeof NUMBER_FIELDS;
const isNumberColumn = (key: string): key is NumberColumn => key in NUMBER_FIELDS;

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && input[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

function applyNumbers(draft: TaskDraft, key: NumberColumn, raw: unknown, problems: RowProblem[]): void {
  if (raw === '' || raw === null || raw === undefined) return;
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(value)) {
    problems.push({ row: draft.row, message: `${key} must be a number (got "${String(raw)}").` });
    return;
  }
  draft[NUMBER_FIELDS[key]] = value;
}

function fromCsv(text: string): ParsedImport {
  const records = parseCsv(text);
  const problems: RowProblem[] = [];
  const drafts: TaskDraft[] = [];
  const header = records[0]?.map((h) => h.trim());
  if (!header || header.every((h) => h === '')) return { drafts, problems: [{ row: 0, message: 'The file has no header line naming the columns.' }] };
  const blank = header.findIndex((h) => h === '');
  if (blank >= 0) return { drafts, problems: [{ row: 0, message: `Column ${blank + 1} of the header has no name.` }] };
  records.slice(1).forEach((values, index) => {
    const draft: TaskDraft = { row: index + 1, info: {} };
    if (values.length !== header.length) {
      problems.push({ row: draft.row, message: `This line has ${values.length} values; the header names ${header.length} columns.` });
      return;
    }
    const before = problems.length;
    header.forEach((column, c) => {
      if (isNumberColumn(column)) applyNumbers(draft, column, values[c], problems);
      else draft.info[column] = values[c];
    });
    if (problems.length === before) drafts.push(draft);
  });
  return { drafts, problems };
}

function fromJson(text: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { drafts: [], problems: [{ row: 0, message: `The file is not valid JSON: ${(error as Error).message}` }] };
  }
  if (!Array.isArray(data)) return { drafts: [], problems: [{ row: 0, message: 'The JSON file must hold an array of tasks, e.g. [{"question": "..."}].' }] };
  const problems: RowProblem[] = [];
  const drafts: TaskDraft[] = [];
  data.forEach((item, index) => {
    const row = index + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ row, message: 'Each task must be a JSON object.' });
      return;
    }
    const object = item as Record<string, unknown>;
    const hasInfo = object.info !== null && typeof object.info === 'object' && !Array.isArray(object.info);
    const draft: TaskDraft = { row, info: hasInfo ? (object.info as Record<string, unknown>) : {} };
    const before = problems.length;
    for (const [key, value] of Object.entries(object)) {
      if (isNumberColumn(key)) applyNumbers(draft, key, value, problems);
      else if (!hasInfo) draft.info[key] = value;
    }
    if (problems.length === before) drafts.push(draft);
  });
  return { drafts, problems };
}

export function parseImport(fileName: string, text: string): ParsedImport {
  const looksJson = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text);
  return looksJson ? fromJson(text) : fromCsv(text);
}
