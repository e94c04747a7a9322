// The console's own rules that need no browser: every gateway error code has a sentence, and task
// files are read row by row with each problem kept.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/graphql/errors.ts';
import { CODE_SENTENCES } from '../../web/src/error-codes.ts';
import { parseCsv, parseImport } from '../../web/src/import-parse.ts';

describe('error sentences', () => {
  it('has a human sentence for every error code the gateway sends', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(CODE_SENTENCES[code], code).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('task import files', () => {
  it('reads CSV with quoted commas, doubled quotes, line breaks in quotes, CRLF and a byte-order mark', () => {
    const text = '\ufeffquestion,hint\r\n"Is it red, or blue?","say ""red"""\r\n"two\nlines",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['question', 'hint'],
      ['Is it red, or blue?', 'say "red"'],
      ['two\nlines', 'x'],
    ]);
  });

  it('turns CSV columns into info, numeric task columns into task fields, and reports bad rows by number', () => {
    const parsed = parseImport('t.csv', 'question,n_answers,priority_0\nA,3,0.5\nB,many,0\nC,1\n\nD,,\n');
    expect(parsed.drafts).toEqual([
      { row: 1, info: { question: 'A' }, nAnswers: 3, priority0: 0.5 },
      { row: 4, info: { question: 'D' } },
    ]);
    expect(parsed.problems).toEqual([
      { row: 2, message: 'n_answers must be a number (got "many").' },
      { row: 3, message: 'This line has 2 values; the header names 3 columns.' },
    ]);
  });

  it('takes a JSON array of info objects, or of tasks with an info key', () => {
    const parsed = parseImport('t.json', JSON.stringify([{ question: 'A', n_answers: 2 }, { info: { question: 'B' }, priority_0: 1 }, 'oops', null]));
    expect(parsed.drafts).toEqual([
      { row: 1, info: { question: 'A' }, nAnswers: 2 },
      { row: 2, info: { question: 'B' }, priority0: 1 },
    ]);
    expect(parsed.problems.map((p) => p.row)).toEqual([3, 4]);
    expect(parseImport('t.json', '{"not": "an array"}').problems[0]!.message).toContain('must hold an array');
    expect(parseImport('t.json', '[1,').problems[0]!.message).toMatch(/^The file is not valid JSON/);
    expect(parseImport('t.csv', '').problems[0]!.message).toBe('The file has no header line naming the columns.');
  });
});
