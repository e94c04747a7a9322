// A project's secret key mints PYBOSSA external-uid tokens (signed with it, and verified against the
// current key on every request, so a new key revokes every token made with the old one in every
// process). Owners rotate it; removing an owner rotates it too, so a co-owner who read the key and was
// then removed cannot go on minting tokens and filing answers as the project's partner app.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { GantryContext } from '../../graphql/context.ts';
import type { ProjectRow } from '../../db/tables.ts';
import { notFound } from '../../graphql/errors.ts';
import { requireProjectOwner } from '../../auth/policies.ts';
import { Project } from './project.type.ts';

export const newProjectSecret = (): string => randomUUID();

/** True when an owner of `before` is not an owner after the change (the main owner never leaves). */
export const removesAnOwner = (before: readonly number[], after: readonly number[]): boolean => before.some((id) => !after.includes(id));

@Resolver(() => Project)
export class ProjectSecretResolver {
  @Mutation(() => Project, {
    description:
      "Owners and administrators: a new secret key for the project. External-user tokens made with the old key stop working at once; give the partner app the new key (read it as secretKey).",
  })
  async rotateProjectSecret(@Arg('projectId', () => Int) projectId: number, @Ctx() ctx: GantryContext): Promise<ProjectRow> {
    const project = await ctx.loaders.byId<ProjectRow>('projects').load(projectId);
    if (!project) throw notFound('Project');
    requireProjectOwner(ctx.viewer, project);
    const updated = await ctx.db
      .updateTable('projects')
      .set({ secret_key: newProjectSecret(), updated: new Date() })
      .where('id', '=', projectId)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw notFound('Project');
    return updated;
  }
}
