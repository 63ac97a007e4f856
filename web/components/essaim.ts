import { EssaimAttendeeList } from './essaimAttendeeList.ts';
import { EssaimContact } from './essaimContact.ts';
import { EssaimEvent } from './essaimEvent.ts';
import { EssaimEventLink } from './essaimEventLink.ts';
import { EssaimProgramme } from './essaimProgramme.ts';
import { EssaimRegistration } from './essaimRegistration.ts';

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
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);
