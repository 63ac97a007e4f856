import * as z from 'zod';

/** Query of `GET /articles`. */
export const articlesQuerySchema = z
  .strictObject(
    {
      limit: z.coerce
        .number({ error: 'programme.limit.invalid' })
        .int({ error: 'programme.limit.invalid' })
        .min(1, { error: 'programme.limit.invalid' })
        .max(100, { error: 'programme.limit.invalid' })
        .default(20),
    },
    { error: 'field.unknownField' },
  )
  .meta({ id: 'ArticlesQuery' });
