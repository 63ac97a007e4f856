import { article } from './documents/article.ts';
import { businessMeeting } from './documents/businessMeeting.ts';
import { campaign } from './documents/campaign.ts';
import { directoryDecision } from './documents/directoryDecision.ts';
import { directoryEntry } from './documents/directoryEntry.ts';
import { event } from './documents/event.ts';
import { moderationDecision } from './documents/moderationDecision.ts';
import { newsletter } from './documents/newsletter.ts';
import { newsletterSendRequest } from './documents/newsletterSendRequest.ts';
import { organization } from './documents/organization.ts';
import { page } from './documents/page.ts';
import { printedProgrammeRequest } from './documents/printedProgrammeRequest.ts';
import { region } from './documents/region.ts';
import { subscriptionList } from './documents/subscriptionList.ts';
import { accessibleImage } from './objects/accessibleImage.ts';
import { blockContent, newsletterBlockContent } from './objects/blockContent.ts';
import { contactTopic } from './objects/contactTopic.ts';
import { newsletterSection } from './objects/newsletterSection.ts';
import { price } from './objects/price.ts';
import { registrationSettings } from './objects/registrationSettings.ts';
import { socialLink } from './objects/socialLink.ts';
import { venue } from './objects/venue.ts';
import { digestSettings } from './singletons/digestSettings.ts';
import { siteSettings } from './singletons/siteSettings.ts';

export const singletonTypes = new Set(['siteSettings', 'digestSettings']);

export const schemaTypes = [
  // documents
  event,
  organization,
  region,
  campaign,
  article,
  page,
  newsletter,
  newsletterSendRequest,
  printedProgrammeRequest,
  moderationDecision,
  subscriptionList,
  directoryEntry,
  directoryDecision,
  businessMeeting,
  // singletons
  siteSettings,
  digestSettings,
  // objects
  blockContent,
  newsletterBlockContent,
  accessibleImage,
  venue,
  registrationSettings,
  price,
  contactTopic,
  socialLink,
  newsletterSection,
];
