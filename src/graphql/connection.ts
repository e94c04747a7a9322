// Relay-style connection types, made per entity by one factory.
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Lazy } from './plain-fields.ts';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<Node> {
  edges: { node: Node; cursor: string }[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

export function ConnectionType<Node extends object>(name: string, node: ClassType<Node>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: Node;

    @Field(() => String, { description: 'Opaque cursor: pass it as `after` for the next page.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of matching objects; counted only when asked for.' })
    @Lazy()
    totalCount!: Promise<number>;
  }
  return Connection;
}
