import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { currentSiteSettings } from '../shared/content/siteSettings.ts';
import { idempotentMailer } from '../shared/mail/idempotentMailer.ts';
import { tokenKeyRing } from '../shared/tokens/tokenKeys.ts';
import { streamWorker } from '../shared/workers/workers.ts';
import { meetingChangeEmail, participantLinkEmail } from './meetingEmails.ts';
import { meetingEventById } from './meetingEvents.ts';
import type { MeetingItem, MeetingParticipantItem } from './meetingItems.ts';
import { publicProfileOf } from './meetingItems.ts';
import { participantSpaceUrl, signParticipantToken } from './meetingLinks.ts';
import { personalMeetings } from './meetingSpace.ts';
import { MeetingStore } from './meetingStore.ts';
import { organiserGridEmail } from './organiserGridMail.ts';

const meetingStore = new MeetingStore(dynamoDbDocumentClient(), tableNameOf('businessMeetings'));

type MeetingTableItem = (MeetingParticipantItem | MeetingItem | { readonly eventId: string }) & {
  readonly sk: string;
};

const isParticipant = (item: MeetingTableItem): item is MeetingParticipantItem & { sk: string } =>
  item.sk.startsWith('PART#');

/**
 * Stream worker on `BusinessMeetings`: mails a participant the link to their space when they
 * register (and again when they ask for it, `linkRequestedAt`), the two participants of a
 * meeting the organiser moved or cancelled (each new `version`), and the organising team the
 * grid's link they asked for again (`LINK#<hour>`), each once.
 */
export const handler = streamWorker<MeetingTableItem>({
  name: 'sendMeetingEmails',
  mailer: idempotentMailer,
  handle: async ({ newImage, oldImage, log }, mail) => {
    if (!newImage) return;
    const linkRequest = newImage.sk.startsWith('LINK#');
    // What calls for a mail: the grid's link asked for, a participant's link asked for (a new
    // `linkRequestedAt`), a meeting changed (a new `version`).
    if (linkRequest) {
      if (oldImage) return;
    } else if (isParticipant(newImage)) {
      if ((oldImage as MeetingParticipantItem | undefined)?.linkRequestedAt === newImage.linkRequestedAt)
        return;
    } else if (!oldImage || (oldImage as MeetingItem).version === (newImage as MeetingItem).version) return;

    const [event, { brand }, ring] = await Promise.all([
      meetingEventById(newImage.eventId),
      currentSiteSettings(),
      tokenKeyRing(),
    ]);
    if (!event) {
      log.warn('No business-meeting event for a record', { eventId: newImage.eventId });
      return;
    }
    const spaceUrlOf = (participantId: string) =>
      participantSpaceUrl(signParticipantToken(event.id, participantId, ring));

    if (linkRequest) {
      const email = await organiserGridEmail(event, meetingStore, brand, ring);
      if (email) await mail.sendOnce(`${event.id}#${newImage.sk}`, email);
      return;
    }
    if (isParticipant(newImage)) {
      await mail.sendOnce(
        `${event.id}#${newImage.id}#link#${newImage.linkRequestedAt}`,
        await participantLinkEmail(event, newImage, { brand, spaceUrl: spaceUrlOf(newImage.id) }),
      );
      return;
    }

    const meeting = newImage as MeetingItem;
    const before = oldImage as MeetingItem;
    const [a, b] = await Promise.all([
      meetingStore.participant(event.id, meeting.a),
      meetingStore.participant(event.id, meeting.b),
    ]);
    const profiles = new Map(
      [a, b].flatMap((participant) =>
        participant ? [[participant.id, publicProfileOf(participant)] as const] : [],
      ),
    );
    const was = { time: event.slots[before.slot]?.time ?? '', table: before.table + 1 };
    // A participant erased since is not mailed (their item is gone).
    for (const participant of [a, b]) {
      if (!participant) continue;
      const [own] = personalMeetings(event, participant.id, [meeting], profiles);
      if (!own) continue;
      await mail.sendOnce(
        `${event.id}#${meeting.id}#v${meeting.version}#${participant.id}`,
        await meetingChangeEmail(event, participant, own, was, {
          brand,
          spaceUrl: spaceUrlOf(participant.id),
        }),
      );
    }
  },
});
