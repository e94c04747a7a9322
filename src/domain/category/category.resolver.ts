import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GantryContext } from '../../graphql/context.ts';
import type { CategoryRow } from '../../db/tables.ts';
import type { ListSpec } from '../../db/list-query.ts';
import { connectionRows, listRows } from '../../db/list-query.ts';
import { ConnectionType } from '../../graphql/connection.ts';
import { Category } from './category.type.ts';
import { CategoryConnectionArgs, CategoryListArgs, CreateCategoryInput, UpdateCategoryInput } from './category.input.ts';
import { requireAdmin } from '../../auth/policies.ts';
import { Problems, isSlug, refuseEmptyRequired } from '../../graphql/validation.ts';
import { conflict, notFound } from '../../graphql/errors.ts';
import { isForeignKeyViolation, rethrowUniqueAsConflict } from '../../db/errors.ts';
import { storedJson } from '../../graphql/response-budget.ts';

export const categoryListSpec: ListSpec = {
  table: 'categories',
  filters: { id: 'id', name: 'name', shortName: 'short_name', description: 'description' },
  order: { id: 'id', name: 'name', shortName: 'short_name', created: 'created' },
  hasInfo: true,
};

const CategoryConnection = ConnectionType('Category', Category);

function validate(input: { name?: string | null; shortName?: string | null; description?: string | null }, creating: boolean) {
  const problems = new Problems();
  problems.text('name', input.name, { required: creating, max: 100 });
  problems.text('shortName', input.shortName, { required: creating, max: 100 });
  if (input.shortName && !isSlug(input.shortName)) problems.add('shortName', 'shortName must be lower-case letters, digits, dashes or underscores.');
  problems.text('description', input.description, { required: creating, max: 255 });
  problems.throwIfAny();
}

function rethrow(error: unknown): never {
  return rethrowUniqueAsConflict(error, 'category', [['short_name', 'shortName'], ['name', 'name']]);
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => Category, { nullable: true })
  category(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<CategoryRow | null> {
    return ctx.loaders.byId<CategoryRow>('categories').load(id);
  }

  @Query(() => [Category])
  categories(@Args(() => CategoryListArgs) args: CategoryListArgs, @Ctx() ctx: GantryContext): Promise<CategoryRow[]> {
    return listRows<CategoryRow>(ctx.db, categoryListSpec, { ...args, filter: { ...args.filter } });
  }

  @Query(() => CategoryConnection)
  categoriesConnection(@Args(() => CategoryConnectionArgs) args: CategoryConnectionArgs, @Ctx() ctx: GantryContext) {
    return connectionRows<CategoryRow>(ctx.db, categoryListSpec, { ...args, filter: { ...args.filter } });
  }

  @Mutation(() => Category, { description: 'Administrators only.' })
  async createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() ctx: GantryContext): Promise<CategoryRow> {
    requireAdmin(ctx.viewer);
    refuseEmptyRequired(input, ['name', 'shortName', 'description']);
    validate(input, true);
    try {
      return await ctx.db
        .insertInto('categories')
        .values({ name: input.name.trim(), short_name: input.shortName, description: input.description, info: storedJson(ctx.config, 'info', input.info ?? {}) })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      rethrow(error);
    }
  }

  @Mutation(() => Category, { description: 'Administrators only.' })
  async updateCategory(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput,
    @Ctx() ctx: GantryContext,
  ): Promise<CategoryRow> {
    requireAdmin(ctx.viewer);
    refuseEmptyRequired(input, ['name', 'shortName', 'description']);
    validate(input, false);
    const changes = {
      ...(input.name ? { name: input.name.trim() } : {}),
      ...(input.shortName ? { short_name: input.shortName } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.info ? { info: storedJson(ctx.config, 'info', input.info) } : {}),
    };
    try {
      const row = Object.keys(changes).length
        ? await ctx.db.updateTable('categories').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
        : await ctx.db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Category');
      return row;
    } catch (error) {
      rethrow(error);
    }
  }

  @Mutation(() => Boolean, { description: 'Administrators only; a category that still has projects cannot be deleted.' })
  async deleteCategory(@Arg('id', () => Int) id: number, @Ctx() ctx: GantryContext): Promise<boolean> {
    requireAdmin(ctx.viewer);
    try {
      const deleted = await ctx.db.deleteFrom('categories').where('id', '=', id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) throw notFound('Category');
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict('This category still has projects: move them to another category first.', { reason: 'integrity' });
      throw error;
    }
    return true;
  }
}
