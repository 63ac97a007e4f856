import * as z from 'zod';

/** Response shapes of the programme routes, for the OpenAPI document. */
const registrationSummary = z.object({
  open: z.boolean(),
  capacity: z.number().int().nullable().describe('Null when places are unlimited.'),
  placesLeft: z.number().int().nullable().describe('Null when places are unlimited.'),
  waitingList: z.boolean(),
});

export const eventCardSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    summary: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    city: z.string().nullable(),
    online: z.boolean(),
    region: z.object({ code: z.string(), name: z.string() }),
    format: z.string(),
    themes: z.array(z.string()),
    openToAll: z.boolean(),
    status: z.enum(['scheduled', 'full', 'cancelled', 'postponed']),
    registration: registrationSummary,
  })
  .meta({ id: 'EventCard' });

export const programmePageResponseSchema = z
  .object({
    items: z.array(eventCardSchema),
    total: z.number().int().describe('Events matching the filters, all pages together.'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'ProgrammePage' });

export const regionCountSchema = z
  .object({ code: z.string(), name: z.string(), count: z.number().int() })
  .meta({ id: 'RegionCount' });

export const eventDetailSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    registration: registrationSummary.extend({
      closedReason: z.enum(['disabled', 'cancelled', 'postponed', 'closed', 'started']).nullable(),
      confirmationRequired: z
        .boolean()
        .describe(
          'Registrants confirm by the mailed link; a free place is held for them meanwhile (`REGISTRATION_HOLD_MINUTES`).',
        ),
      closesAt: z.iso.datetime(),
    }),
  })
  .loose()
  .meta({
    id: 'EventDetail',
    description: 'The whole event: body (Portable Text), venue, organiser, region, price, accessibility…',
  });

export const campaignSchema = z
  .object({
    slug: z.string(),
    title: z.string().nullable(),
    startsOn: z.iso.date().nullable().describe('First day of the campaign’s events.'),
    endsOn: z.iso.date().nullable().describe('Last day of the campaign’s events.'),
    submissions: z
      .object({
        state: z.enum(['notYetOpen', 'open', 'closed']),
        opensAt: z.iso.datetime().nullable().describe('A date opens at midnight, Paris time.'),
        closesAt: z.iso.datetime().nullable().describe('A date closes at the end of that day, Paris time.'),
      })
      .describe('The window in which organisers submit their events, by the stack’s clock.'),
    printedProgrammeDeadline: z.iso.datetime().nullable(),
    events: z.number().int().describe('Published events of the campaign.'),
  })
  .meta({ id: 'Campaign' });
