import * as z from 'zod';
import { pageLimitSchema } from '../../domain/programme/programmeFilters.ts';

/** Query of `GET /articles`. */
export const articlesQuerySchema = z
  .strictObject({ limit: pageLimitSchema }, { error: 'field.unknownField' })
  .meta({ id: 'ArticlesQuery' });
