import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver, GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'A group of projects (Science, History, ...). Administrators manage categories.' })
export class Category {
  @Field(() => Int)
  id!: number;

  @Field(() => DateTimeISOResolver)
  created!: Date;

  @Field(() => String)
  name!: string;

  @Field(() => String, { name: 'shortName' })
  short_name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => GraphQLJSON)
  info!: unknown;
}
