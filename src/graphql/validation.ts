// Field-level input checks that collect every problem, so one answer says everything to fix.
import { badInput, type FieldProblem } from './errors.ts';

export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }

  /** Text rules: trimmed length within bounds. */
  text(field: string, value: string | null | undefined, { min = 1, max = 255, required = false } = {}): this {
    if (value === undefined || value === null) {
      if (required) this.add(field, `${field} is required.`);
      return this;
    }
    const length = value.trim().length;
    if (length < min) this.add(field, min === 1 ? `${field} must not be empty.` : `${field} must be at least ${min} characters.`);
    else if (value.length > max) this.add(field, `${field} must be at most ${max} characters (got ${value.length}).`);
    return this;
  }

  intRange(field: string, value: number | null | undefined, min: number, max: number): this {
    if (value === undefined || value === null) return this;
    if (!Number.isInteger(value) || value < min || value > max) this.add(field, `${field} must be a whole number from ${min} to ${max}.`);
    return this;
  }

  throwIfAny(summary = 'The input is not valid.'): void {
    if (this.list.length) {
      throw badInput(`${summary} ${this.list.map((p) => p.message).join(' ')}`, this.list);
    }
  }
}

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
export const isSlug = (value: string): boolean => SLUG.test(value);
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/**
 * Required text fields may be left out of an update, but not set to null or blank: the object would
 * lose them. Refused with reason `required_empty` (PYBOSSA answers it as its integrity error).
 */
export function refuseEmptyRequired(input: object, fields: readonly string[]): void {
  const values = input as Record<string, unknown>;
  const empty = fields.filter((field) => values[field] === null || (typeof values[field] === 'string' && (values[field] as string).trim() === ''));
  if (empty.length) {
    throw badInput(
      `${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} required and cannot be emptied; leave ${empty.length === 1 ? 'it' : 'them'} out to keep the current value.`,
      empty.map((field) => ({ field, message: `${field} must not be null or blank.` })),
      'required_empty',
    );
  }
}
