import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

@ObjectType({ description: 'A crowdsourcing project: owners load tasks, volunteers answer them.' })
export class Project {
  @Field(() => Int)
  id!: number;

  @Field(() => DateTimeISOResolver)
  created!: Date;

  @Field(() => DateTimeISOResolver)
  updated!: Date;

  @Field(() => String)
  name!: string;

  @Field(() => String, { name: 'shortName' })
  short_name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { name: 'longDescription' })
  long_description!: string;

  @Field(() => Boolean)
  featured!: boolean;

  @Field(() => Int, { name: 'ownerId' })
  owner_id!: number;

  @Field(() => [Int], { name: 'ownersIds' })
  owners_ids!: number[];

  @Field(() => Int, { name: 'categoryId', nullable: true })
  category_id!: number | null;

  @Field(() => Number, { nullable: true, description: 'Full-text rank (only in full-text searches).' })
  rank?: number | null;

  @Field(() => String, { nullable: true, description: 'Matching text with the hits marked (only in full-text searches).' })
  headline?: string | null;
}

@ObjectType({ description: 'How far a project has come.' })
export class ProjectProgress {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int, { name: 'taskRuns' })
  task_runs!: number;
}
