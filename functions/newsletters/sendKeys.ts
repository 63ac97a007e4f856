/**
 * The keys of the `NewsletterSends` table. Per send (`SEND#<send id>`): `STATE` (state, audience,
 * counters: what editors see) and `CONTENT` (the mail as it was when sending started). Per chunk
 * (`SEND#<send id>#CHUNK#<index>`, its own partition so chunks spread over stream shards): at most
 * 50 recipients' keyed hashes, pending → sending → settled with each recipient's outcome.
 * `REQUEST#<id>`: a send request already acted on. `SCHEDULED`/`<time>#<send id>`: sends to start.
 */
export const stateKey = (sendId: string) => ({ pk: `SEND#${sendId}`, sk: 'STATE' });
export const contentKey = (sendId: string) => ({ pk: `SEND#${sendId}`, sk: 'CONTENT' });
export const chunkKey = (sendId: string, index: string) => ({
  pk: `SEND#${sendId}#CHUNK#${index}`,
  sk: 'CHUNK',
});
export const scheduledKey = (sendAt: string, sendId: string) => ({
  pk: 'SCHEDULED',
  sk: `${sendAt}#${sendId}`,
});
/** Planned chunks are numbered; a chunk of recipients to try again is named after the one it comes from. */
export const plannedChunkIndex = (number: number): string => String(number).padStart(6, '0');
/** Waits before trying SES again after a passing refusal: 1, 2, 4, 8, 16 s (attempts 1 to 5). */
export const backoffMilliseconds = (attempts: number): number => 1000 * 2 ** Math.max(0, attempts - 1);
/** Recipients' keyed hashes stay 90 days after a chunk is planned (bounces arrive for days). */
export const chunkLifeSeconds = 90 * 86_400;
