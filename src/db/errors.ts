// Recognises constraint violations so resolvers can answer them as input errors, not 500s.
import { conflict } from '../graphql/errors.ts';
export interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

const pgError = (error: unknown): PgError => (error ?? {}) as PgError;

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  pgError(error).code === '23505' && (!constraint || pgError(error).constraint === constraint);

export const isForeignKeyViolation = (error: unknown): boolean => pgError(error).code === '23503';

export const isCheckViolation = (error: unknown): boolean => pgError(error).code === '23514';

/** Values the database refused as malformed for their type (e.g. text into an integer column). */
export const isDataError = (error: unknown): boolean => /^22/.test(pgError(error).code ?? '');

export const constraintOf = (error: unknown): string | undefined => pgError(error).constraint;

/**
 * Rethrows a unique violation as a CONFLICT naming the field that clashed: `fields` maps a fragment
 * of the constraint name to the GraphQL field (first match wins; the last entry is the fallback).
 */
export function rethrowUniqueAsConflict(error: unknown, what: string, fields: [string, string][]): never {
  if (isUniqueViolation(error)) {
    const constraint = constraintOf(error) ?? '';
    const field = (fields.find(([fragment]) => constraint.includes(fragment)) ?? fields.at(-1)!)[1];
    throw conflict(`A ${what} with this ${field} already exists.`, { fields: [{ field, message: 'already taken' }], reason: 'integrity' });
  }
  throw error;
}
