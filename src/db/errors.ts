// Recognises constraint violations so resolvers can answer them as input errors, not 500s.
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
