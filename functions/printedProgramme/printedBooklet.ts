import type {
  PrintedCampaignQueryResult,
  PrintedProgrammeEventsQueryResult,
} from '../shared/content/sanity.types.ts';
import { parisDay } from '../shared/french.ts';
import { type ProgrammeEvent, printedProgramme } from './programmeContent.ts';
import { closingDay, deadlineInstant } from './programmeDeadline.ts';
import { programmeSource } from './programmeSource.ts';
import { compilePdf } from './typstCompiler.ts';

/** Where the booklet's content comes from: the function reads the Content Lake through its cache, the command line directly. */
export interface BookletReader {
  campaign(id: string): Promise<PrintedCampaignQueryResult>;
  /** `printedProgrammeEventsQuery` with these parameters. */
  events(params: { campaign: string; deadline: string }): Promise<PrintedProgrammeEventsQueryResult>;
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
  readonly filename: string;
}

/**
 * A campaign's printed programme as it stood at its deadline (or as it stands now, when asked
 * for before it): the events the query keeps, their content, the Typst source, the PDF. Null
 * when the campaign is gone or lacks its dates or its deadline.
 */
export async function makeBooklet(
  reader: BookletReader,
  campaignId: string,
  options: { readonly now: Date; readonly registrationSite: string },
): Promise<PrintedBooklet | null> {
  const id = campaignId.replace(/^drafts\./, '');
  const campaign = await reader.campaign(id);
  const deadline = deadlineInstant(campaign?.printedProgrammeDeadline);
  if (!campaign?.printedProgrammeDeadline || !deadline || !campaign.startsOn || !campaign.endsOn) return null;
  const takenAt = deadline.getTime() <= options.now.getTime() ? deadline : options.now;
  const closedOn = takenAt === deadline ? closingDay(campaign.printedProgrammeDeadline) : parisDay(takenAt);
  const events = await reader.events({ campaign: id, deadline: takenAt.toISOString() });
  const programme = printedProgramme(
    { title: campaign.title ?? 'Programme', startsOn: campaign.startsOn, endsOn: campaign.endsOn },
    events as ProgrammeEvent[],
    { closedOn, registrationSite: options.registrationSite },
  );
  const { pdf, pages } = await compilePdf(programmeSource(programme));
  return {
    campaignId: id,
    pdf,
    pages,
    events: programme.eventCount,
    takenAt,
    closedOn,
    filename: `programme-${campaign.slug ?? id}-${closedOn}.pdf`,
  };
}
