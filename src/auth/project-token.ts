// PYBOSSA's external-user flow: a partner app gets a JWT signed with the project's secret key and
// sends it as `Authorization: Bearer <jwt>`. The checks and their texts are PYBOSSA's.
import type { Viewer } from './viewer.ts';
import type { ProjectRow } from '../db/tables.ts';
import { GantryError } from '../graphql/errors.ts';
import { verifyProjectToken } from './tokens.ts';

function refuse(jwtCode: string, description: string): never {
  throw new GantryError('UNAUTHENTICATED', description, { reason: 'project_token', details: { jwtCode, description } });
}

export function requireProjectToken(viewer: Viewer, project: ProjectRow): void {
  const header = viewer.authorization?.trim();
  if (!header) refuse('invalid_header', 'Missing Authorization header');
  const parts = header.split(/\s+/);
  if (parts[0]!.toLowerCase() !== 'bearer') refuse('invalid_header', 'Authorization header must start with Bearer');
  if (parts.length === 1) refuse('invalid_header', 'Token not found');
  if (parts.length > 2) refuse('invalid_header', 'Authorization header must be Bearer + \\s + token');
  let payload: { short_name?: unknown; project_id?: unknown };
  try {
    payload = verifyProjectToken(project.secret_key, parts[1]!);
  } catch {
    refuse('Decode error', 'Signature verification failed');
  }
  if (payload.project_id !== project.id || payload.short_name !== project.short_name) {
    refuse('Wrong project', 'Signature verification failed');
  }
}
