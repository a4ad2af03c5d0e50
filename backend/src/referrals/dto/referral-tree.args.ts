import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const MAX_TREE_DEPTH = 5;
export const DEFAULT_TREE_DEPTH = 2;
export const DEFAULT_CHILDREN_PER_PAGE = 20;
export const MAX_CHILDREN_PER_PAGE = 50;

@ArgsType()
export class ReferralTreeArgs {
  @Field()
  @IsString() @Matches(/^\d{1,20}$/, { message: 'telegramId must be 1 to 20 digits' })
  telegramId: string;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_TREE_DEPTH, description: `Levels below the user, 1 to ${MAX_TREE_DEPTH}` })
  @IsOptional() @IsInt() @Min(1, { message: `depth must be 1 to ${MAX_TREE_DEPTH}` }) @Max(MAX_TREE_DEPTH, { message: `depth must be 1 to ${MAX_TREE_DEPTH}` })
  depth?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "Page of the user's own direct referrals, counted from 0; deeper levels show their first page" })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  childrenPage?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_CHILDREN_PER_PAGE, description: `Children listed per node, 1 to ${MAX_CHILDREN_PER_PAGE}` })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_CHILDREN_PER_PAGE)
  childrenPerPage?: number | null;
}
