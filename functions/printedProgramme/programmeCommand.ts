import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { queryContentLake } from '../shared/content/contentLakeQuery.ts';
import { secretDeclarations } from '../shared/settings.ts';
import { makeBooklet } from './printedBooklet.ts';
import { registrationSite } from './printProgramme.ts';
import { regionScope } from './programmeRegions.ts';
import { printedCampaignQuery, printedProgrammeEventsQuery } from './queries.ts';
import { recordedSnapshot } from './snapshotStore.ts';

/**
 * `npm run programme:pdf -- --campaign <id> [--region <INSEE code>] [--out <file.pdf>] [--local]`
 * (`infra/printProgramme.ts` runs this): a campaign's printed programme, national or one
 * region's, written to a file, made as the functions make it. After the deadline, from the
 * programme recorded then (its snapshot: a private document, read with `SANITY_READ_TOKEN`, or
 * `SANITY_WRITE_TOKEN`; `--local` uses `npm run dev`'s stand-in and its token); before it, or
 * when no snapshot was recorded yet, from the programme online now (and says so). Nothing is
 * uploaded nor recorded: that is the functions' business.
 */
const usage =
  'Usage : npm run programme:pdf -- --campaign <id de la campagne> [--region <code INSEE>] [--out programme.pdf] [--local]';

export async function runProgrammeCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      campaign: { type: 'string' },
      region: { type: 'string' },
      out: { type: 'string' },
      local: { type: 'boolean' },
    },
  });
  if (!values.campaign) {
    console.error(usage);
    return 2;
  }
  const region = regionScope(values.region);
  if (region === undefined) {
    console.error(`Pas de région de code INSEE ${values.region} (par exemple 53 pour la Bretagne).`);
    return 2;
  }
  if (values.local) process.env.SANITY_API_HOST ??= 'http://127.0.0.1:8010';
  const token =
    process.env.SANITY_READ_TOKEN ||
    process.env.SANITY_WRITE_TOKEN ||
    (values.local ? secretDeclarations.SANITY_WRITE_TOKEN.local : null);
  let unfrozen = false;
  const booklet = await makeBooklet(
    {
      campaign: (id) => queryContentLake(printedCampaignQuery, { id }, token),
      events: (params) => queryContentLake(printedProgrammeEventsQuery, params, token),
      frozenAt: async (id, deadline) => {
        const snapshot = await recordedSnapshot(id, deadline, token);
        unfrozen = snapshot === null;
        return snapshot;
      },
    },
    values.campaign,
    {
      now: new Date(process.env.ESSAIM_NOW ?? Date.now()),
      registrationSite: registrationSite(),
      region,
    },
  );
  if (!booklet) {
    console.error(`Pas de campagne ${values.campaign} avec ses dates et sa date limite du programme papier.`);
    return 1;
  }
  if (unfrozen)
    console.error(
      token
        ? 'Aucun programme enregistré à la date limite : le programme est tiré de la version en ligne.'
        : 'Sans jeton (SANITY_READ_TOKEN), le programme enregistré à la date limite est illisible : le programme est tiré de la version en ligne.',
    );
  const out = values.out ?? booklet.filename;
  writeFileSync(out, booklet.pdf);
  console.log(
    `${out} : ${booklet.events} manifestations${region ? ` (${region.name})` : ''}, ${booklet.pages} pages, arrêté le ${booklet.closedOn} (${(booklet.pdf.length / 2 ** 20).toFixed(1)} Mio)`,
  );
  return 0;
}

if (import.meta.main) process.exitCode = await runProgrammeCommand(process.argv.slice(2));
