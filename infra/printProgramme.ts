import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { makeBooklet } from '../functions/printedProgramme/printedBooklet.ts';
import { registrationSite } from '../functions/printedProgramme/printProgramme.ts';
import { printedCampaignQuery, printedProgrammeEventsQuery } from '../functions/printedProgramme/queries.ts';
import { queryContentLake } from '../functions/shared/content/contentLakeQuery.ts';

/**
 * `npm run programme:pdf -- --campaign <id> [--out <file.pdf>] [--local]`: a campaign's printed
 * programme, as it stood at its deadline (as it stands now before it), written to a file; made as
 * the functions make it, from the Content Lake the settings name (`SANITY_PROJECT_ID`,
 * `SANITY_DATASET`, `SANITY_READ_TOKEN` for a private dataset) or, with `--local`, from
 * `npm run dev`'s stand-in. Nothing is uploaded nor recorded: that is the functions' business.
 */
const usage = 'Usage: npm run programme:pdf -- --campaign <campaign id> [--out programme.pdf] [--local]';

const { values } = parseArgs({
  options: { campaign: { type: 'string' }, out: { type: 'string' }, local: { type: 'boolean' } },
});
if (!values.campaign) {
  console.error(usage);
  process.exit(2);
}
if (values.local) process.env.SANITY_API_HOST ??= 'http://127.0.0.1:8010';
const token = process.env.SANITY_READ_TOKEN || null;
const booklet = await makeBooklet(
  {
    campaign: (id) => queryContentLake(printedCampaignQuery, { id }, token),
    events: (params) => queryContentLake(printedProgrammeEventsQuery, params, token),
  },
  values.campaign,
  { now: new Date(process.env.ESSAIM_NOW ?? Date.now()), registrationSite: registrationSite() },
);
if (!booklet) {
  console.error(`Pas de campagne ${values.campaign} avec ses dates et sa date limite du programme papier.`);
  process.exit(1);
}
const out = values.out ?? booklet.filename;
writeFileSync(out, booklet.pdf);
console.log(
  `${out} : ${booklet.events} manifestations, ${booklet.pages} pages, arrêté le ${booklet.closedOn} (${(booklet.pdf.length / 2 ** 20).toFixed(1)} Mio)`,
);
