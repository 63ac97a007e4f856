import { EssaimAttendeeList } from './essaimAttendeeList.ts';
import { EssaimContact } from './essaimContact.ts';
import { EssaimDirectory } from './essaimDirectory.ts';
import { EssaimDirectoryJoin } from './essaimDirectoryJoin.ts';
import { EssaimEvent } from './essaimEvent.ts';
import { EssaimEventLink } from './essaimEventLink.ts';
import { EssaimMeetingGrid } from './essaimMeetingGrid.ts';
import { EssaimMeetingSpace } from './essaimMeetingSpace.ts';
import { EssaimNewsletter } from './essaimNewsletter.ts';
import { EssaimNewsletterArchive } from './essaimNewsletterArchive.ts';
import { EssaimPersonalData } from './essaimPersonalData.ts';
import { EssaimPersonalDataConfirm } from './essaimPersonalDataConfirm.ts';
import { EssaimProgramme } from './essaimProgramme.ts';
import { EssaimRegistration } from './essaimRegistration.ts';
import { EssaimSubmission } from './essaimSubmission.ts';
import { EssaimSubscribe } from './essaimSubscribe.ts';
import { EssaimSubscriptionConfirm } from './essaimSubscriptionConfirm.ts';
import { EssaimSubscriptionPreferences } from './essaimSubscriptionPreferences.ts';
import { EssaimUnsubscribe } from './essaimUnsubscribe.ts';

/**
 * The Essaim components, one module for a host page to include:
 * `<script type="module" src="https://<pages>/essaim/essaim.js"></script>`.
 * Defining twice (the script included twice) is harmless.
 */
const elements: [string, CustomElementConstructor][] = [
  ['essaim-programme', EssaimProgramme],
  ['essaim-event', EssaimEvent],
  ['essaim-contact', EssaimContact],
  ['essaim-registration', EssaimRegistration],
  ['essaim-attendee-list', EssaimAttendeeList],
  ['essaim-event-link', EssaimEventLink],
  ['essaim-subscribe', EssaimSubscribe],
  ['essaim-subscription-confirm', EssaimSubscriptionConfirm],
  ['essaim-subscription-preferences', EssaimSubscriptionPreferences],
  ['essaim-unsubscribe', EssaimUnsubscribe],
  ['essaim-newsletter', EssaimNewsletter],
  ['essaim-newsletter-archive', EssaimNewsletterArchive],
  ['essaim-personal-data', EssaimPersonalData],
  ['essaim-personal-data-confirm', EssaimPersonalDataConfirm],
  ['essaim-submission', EssaimSubmission],
  ['essaim-meeting-space', EssaimMeetingSpace],
  ['essaim-meeting-grid', EssaimMeetingGrid],
  ['essaim-directory', EssaimDirectory],
  ['essaim-directory-join', EssaimDirectoryJoin],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);
