import type {
  PrintedCampaignQueryResult,
  PrintedProgrammeEventsQueryResult,
} from '../shared/content/sanity.types.ts';
import { parisDay } from '../shared/french.ts';
import { type ProgrammeEvent, printedProgramme } from './programmeContent.ts';
import { closingDay, deadlineInstant } from './programmeDeadline.ts';
import { bookletFilename, eventsInScope, type PrintedRegionScope } from './programmeRegions.ts';
import { type ProgrammeSnapshot, programmeSnapshot } from './programmeSnapshot.ts';
import { programmeSource } from './programmeSource.ts';
import { compilePdf } from './typstCompiler.ts';

/** Where the booklet's content comes from: the functions read the Content Lake through their cache, the command line directly. */
export interface BookletReader {
  campaign(id: string): Promise<PrintedCampaignQueryResult>;
  /** `printedProgrammeEventsQuery` with these parameters: the live programme. */
  events(params: { campaign: string; deadline: string }): Promise<PrintedProgrammeEventsQueryResult>;
  /**
   * The programme frozen at this deadline: the snapshot recorded, or (the functions) the one
   * `take` makes, recorded once. Null when there is none and the reader records nothing (the
   * command line): the booklet is then made from the live programme, as it is without this.
   */
  frozenAt?(
    campaignId: string,
    deadline: Date,
    take: () => Promise<ProgrammeSnapshot>,
  ): Promise<ProgrammeSnapshot | null>;
}

export interface BookletOptions {
  readonly now: Date;
  readonly registrationSite: string;
  /** One region's booklet (for its chamber); null or absent: the national one. */
  readonly region?: PrintedRegionScope | null;
}

/** A printed programme, compiled. */
export interface PrintedBooklet {
  readonly campaignId: string;
  readonly pdf: Buffer;
  readonly pages: number;
  readonly events: number;
  /** The instant the programme was taken at: the deadline, or `now` when asked for before it. */
  readonly takenAt: Date;
  /** The day printed as the programme's closing (Paris). */
  readonly closedOn: string;
  readonly region: PrintedRegionScope | null;
  /** When the deadline's snapshot it prints was taken; null when made from the live programme. */
  readonly snapshotTakenAt: string | null;
  readonly filename: string;
}

/**
 * A campaign's printed programme as it stood at its deadline (its snapshot), or as it stands now
 * when asked for before it; national, or one region's. Null when the campaign is gone or lacks
 * its dates or its deadline.
 */
export async function makeBooklet(
  reader: BookletReader,
  campaignId: string,
  options: BookletOptions,
): Promise<PrintedBooklet | null> {
  const id = campaignId.replace(/^drafts\./, '');
  const campaign = await reader.campaign(id);
  const deadline = deadlineInstant(campaign?.printedProgrammeDeadline);
  if (!campaign?.printedProgrammeDeadline || !deadline || !campaign.startsOn || !campaign.endsOn) return null;
  const atDeadline = deadline.getTime() <= options.now.getTime();
  const takenAt = atDeadline ? deadline : options.now;
  const closedOn = atDeadline ? closingDay(campaign.printedProgrammeDeadline) : parisDay(takenAt);
  const live = async () =>
    programmeSnapshot(
      id,
      campaign,
      (await reader.events({ campaign: id, deadline: takenAt.toISOString() })) as ProgrammeEvent[],
      { deadline: takenAt, takenAt: options.now },
    );
  const frozen = atDeadline && reader.frozenAt ? await reader.frozenAt(id, deadline, live) : null;
  const programmeThen = frozen ?? (await live());
  const region = options.region ?? null;
  const printed = printedProgramme(
    {
      title: programmeThen.campaign.title ?? 'Programme',
      startsOn: programmeThen.campaign.startsOn ?? campaign.startsOn,
      endsOn: programmeThen.campaign.endsOn ?? campaign.endsOn,
    },
    eventsInScope(programmeThen.events, region),
    { closedOn, registrationSite: options.registrationSite, region: region?.name ?? null },
  );
  const { pdf, pages } = await compilePdf(programmeSource(printed));
  return {
    campaignId: id,
    pdf,
    pages,
    events: printed.eventCount,
    takenAt,
    closedOn,
    region,
    snapshotTakenAt: frozen?.takenAt ?? null,
    filename: bookletFilename(programmeThen.campaign.slug ?? id, region, closedOn),
  };
}
