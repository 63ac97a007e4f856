import { contact } from './contact/manifest.ts';
import { contentChanges } from './contentChanges/manifest.ts';
import { directory } from './directory/manifest.ts';
import { mailFeedback } from './mailFeedback/manifest.ts';
import { meetings } from './meetings/manifest.ts';
import { news } from './news/manifest.ts';
import { newsletters } from './newsletters/manifest.ts';
import { personalData } from './personalData/manifest.ts';
import { printedProgramme } from './printedProgramme/manifest.ts';
import { programme } from './programme/manifest.ts';
import { registrations } from './registrations/manifest.ts';
import { submissions } from './submissions/manifest.ts';
import { subscriptions } from './subscriptions/manifest.ts';
import { system } from './system/manifest.ts';

/**
 * Every feature of Essaim, one folder each. Adding a feature is its folder (with a
 * `manifest.ts`) and one line here; `catalogue.ts` derives everything else from this list.
 */
export const features = [
  contact,
  programme,
  registrations,
  subscriptions,
  news,
  newsletters,
  contentChanges,
  mailFeedback,
  personalData,
  printedProgramme,
  submissions,
  directory,
  meetings,
  system,
] as const;
