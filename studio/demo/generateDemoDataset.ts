import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  type EventFormat,
  type EventTheme,
  eventFormats,
  eventThemes,
  frenchRegions,
  type LegalStatus,
} from '../../functions/programme/vocabulary.ts';
import { demoCities } from './cities.ts';
import {
  demoArticles,
  demoDigestSettings,
  demoNewsletters,
  demoPages,
  demoSiteSettings,
  demoSubscriptionLists,
} from './editorialContent.ts';

/**
 * Writes the demo dataset (NDJSON, the format `sanity dataset import` reads): the regions, the
 * Groupement's pages, articles, newsletter lists and three newsletters, ~200 organisations and
 * the Mois de l'ESS of the given year with its events, written anew from the seeds' facts.
 * Deterministic: the same arguments give the same bytes, so it can be regenerated for the next
 * campaign, or at 10× for benchmarks.
 *
 *   node studio/demo/generateDemoDataset.ts [--year 2027] [--events 1850] [--out file]
 */

type Doc = Record<string, unknown> & { _id: string; _type: string };

interface Options {
  readonly year: number;
  readonly events: number;
  readonly organizations: number;
  readonly seed: number;
}

const require = createRequire(import.meta.url);
const communes = require('@etalab/decoupage-administratif/data/communes.json') as {
  nom: string;
  region?: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}[];

/** Regions' share of the programme, roughly by population. */
const regionWeights: Record<string, number> = {
  '11': 16,
  '84': 13,
  '76': 10,
  '75': 10,
  '32': 8,
  '44': 8,
  '52': 7,
  '53': 7,
  '93': 7,
  '28': 5,
  '27': 5,
  '24': 4,
  '94': 1.5,
  '01': 1.5,
  '02': 1.5,
  '03': 1,
  '04': 2,
  '06': 1,
};

const themeSubjects: Record<EventTheme, readonly string[]> = {
  'engagement-citoyen': [
    'le bénévolat de proximité',
    'la participation des habitants',
    'l’engagement des jeunes',
  ],
  'creation-activite': [
    'créer son activité en coopérative',
    'entreprendre autrement',
    'la reprise d’entreprise par les salariés',
  ],
  cooperation: [
    'les coopérations entre acteurs du territoire',
    'la mutualisation des ressources',
    'les pôles territoriaux de coopération économique',
  ],
  'entrepreneuriat-collectif': [
    'la gouvernance partagée',
    'l’intérêt collectif en SCIC',
    'entreprendre à plusieurs',
  ],
  'developpement-durable': ['le réemploi et la réparation', 'l’économie circulaire', 'la mobilité durable'],
  'utilite-sociale': ['mesurer son utilité sociale', 'l’accès aux droits', 'l’habitat inclusif'],
  'emploi-insertion': [
    'l’insertion par l’activité économique',
    'les métiers de l’ESS',
    'l’emploi accompagné',
  ],
  'finance-solidaire': [
    'l’épargne solidaire',
    'le financement participatif local',
    'les monnaies locales complémentaires',
  ],
  alimentation: [
    'les circuits courts',
    'l’agriculture paysanne',
    'la lutte contre le gaspillage alimentaire',
  ],
  culture: ['l’éducation populaire', 'les tiers-lieux culturels', 'les coopératives culturelles'],
  'transition-ecologique': [
    'l’énergie citoyenne',
    'la rénovation énergétique solidaire',
    'la sobriété choisie',
  ],
  egalite: [
    'l’égalité professionnelle',
    'l’entrepreneuriat des femmes',
    'la lutte contre les discriminations',
  ],
};

const films = [
  'Les Coopérateurs',
  'Terres communes',
  'Le Pari du collectif',
  'Ensemble, autrement',
  'La Ferme des possibles',
  'Usine à partager',
];

const organizationPatterns: Record<
  LegalStatus,
  readonly ((city: string, pick: <T>(list: readonly T[]) => T) => string)[]
> = {
  association: [
    (city) => `Les Jardins partagés de ${city}`,
    (city, pick) =>
      `Association ${pick(['Solidarités', 'Horizons', 'Passerelles', 'Tisserands', 'Savoirs'])} ${city}`,
    (city) => `Repair Café de ${city}`,
    (city, pick) => `${pick(['Maison', 'Réseau', 'Collectif'])} des initiatives citoyennes de ${city}`,
  ],
  scop: [
    (city, pick) =>
      `SCOP ${pick(['Menuiserie', 'Imprimerie', 'Atelier', 'Bureau d’études'])} ${pick(['du Canal', 'des Lilas', 'Coopérative', 'Solidaire'])} (${city})`,
    (_city, pick) => `SCOP ${pick(['Ouvre-Boîte', 'Cap Commun', 'Fil Rouge', 'Boussole'])}`,
  ],
  scic: [
    (city) => `SCIC Énergies citoyennes de ${city}`,
    (city, pick) =>
      `SCIC ${pick(['Le Tiers-Lieu', 'La Conserverie', 'Mobilités partagées', 'Bois local'])} ${city}`,
  ],
  cae: [
    (city, pick) =>
      `CAE ${pick(['Entreprendre ensemble', 'Coop’Activités', 'Élan créatif', 'Talents associés'])} ${city}`,
  ],
  cooperative: [
    (city, pick) =>
      `Coopérative ${pick(['d’habitants', 'agricole', 'de consommateurs', 'de commerçants'])} de ${city}`,
  ],
  mutuelle: [
    (_city, pick) =>
      `Mutuelle ${pick(['Solidarité Santé', 'des Travailleurs', 'Familiale', 'de l’Entraide'])}`,
  ],
  fondation: [
    (_city, pick) =>
      `Fondation ${pick(['pour l’Habitat solidaire', 'Terres de partage', 'Avenir Jeunesse', 'pour l’Inclusion'])}`,
  ],
  esus: [
    (city, pick) =>
      `${pick(['Recyclerie', 'Ressourcerie', 'Épicerie solidaire', 'Conciergerie solidaire'])} de ${city}`,
  ],
  collectivite: [(city) => `Ville de ${city}`, (city) => `Métropole et agglomération de ${city}`],
  enseignement: [
    (city) => `Lycée professionnel de ${city}`,
    (city) => `Université de ${city} — chaire ESS`,
    (city) => `IUT de ${city}`,
  ],
  autre: [(city) => `Comité de quartier de ${city}`],
};

const statusWeights: [LegalStatus, number][] = [
  ['association', 40],
  ['scop', 10],
  ['scic', 9],
  ['cae', 5],
  ['cooperative', 5],
  ['mutuelle', 5],
  ['fondation', 4],
  ['esus', 9],
  ['collectivite', 7],
  ['enseignement', 6],
];

/** Local hours at which each format usually starts, and how long it lasts (minutes). */
const schedules: Record<EventFormat, { starts: readonly string[]; minutes: readonly number[] }> = {
  'portes-ouvertes': { starts: ['10:00', '14:00'], minutes: [180, 360] },
  'atelier-participatif': { starts: ['09:30', '14:00', '18:00'], minutes: [120, 150, 180] },
  spectacle: { starts: ['19:30', '20:00', '20:30'], minutes: [90, 120] },
  debat: { starts: ['18:00', '18:30', '19:00'], minutes: [90, 120] },
  conference: { starts: ['09:30', '14:00', '18:30'], minutes: [90, 120] },
  rencontre: { starts: ['12:00', '17:30', '18:30'], minutes: [90, 120] },
  'cine-debat': { starts: ['19:00', '20:00', '20:30'], minutes: [150, 180] },
  colloque: { starts: ['09:00'], minutes: [480, 510] },
  'visite-entreprise': { starts: ['10:00', '14:00', '15:00'], minutes: [90, 120] },
  'sensibilisation-scolaire': { starts: ['09:00', '10:00', '14:00'], minutes: [60, 120] },
  'rencontre-affaires': { starts: ['08:30', '09:00', '14:00'], minutes: [180, 240] },
  autre: { starts: ['10:00', '14:30', '18:00'], minutes: [90, 120, 180] },
};

export function generateDemoDataset(options: Options): Doc[] {
  const rng = xoroshiro128plus(options.seed);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const chance = (percent: number) => int(1, 100) <= percent;
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = (int(0, 1_000_000) / 1_000_000) * total;
    for (const [value, w] of entries) {
      roll -= w;
      if (roll <= 0) return value;
    }
    return (entries.at(-1) as readonly [T, number])[0];
  };
  let keyCounter = 0;
  const key = () => `k${(keyCounter++).toString(36)}`;
  const block = (text: string, style = 'normal') => ({
    _type: 'block',
    _key: key(),
    style,
    markDefs: [],
    children: [{ _type: 'span', _key: key(), text, marks: [] }],
  });

  const docs: Doc[] = [];
  const regionId = (code: string) => `region-${code}`;

  for (const region of frenchRegions) {
    const slug = slugify(region.name);
    docs.push({
      _id: regionId(region.code),
      _type: 'region',
      name: region.name,
      code: region.code,
      cress: {
        name: `CRESS ${region.name}`,
        email: `programme@cress-${slug}.example`,
        website: `https://www.cress-${slug}.example`,
      },
    });
  }

  const { year } = options;
  const campaignId = `campaign-mois-ess-${year}`;
  docs.push({
    _id: campaignId,
    _type: 'campaign',
    title: `Mois de l’ESS ${year}`,
    slug: { _type: 'slug', current: `mois-ess-${year}` },
    startsOn: `${year}-11-01`,
    endsOn: `${year}-11-30`,
    submissionsOpenAt: `${year}-05-15T08:00:00.000Z`,
    submissionsCloseAt: `${year}-10-15T22:00:00.000Z`,
    printedProgrammeDeadline: `${year}-09-12`,
    description: [
      block(
        `Tout au long du mois de novembre ${year}, les actrices et acteurs de l’économie sociale et solidaire ouvrent leurs portes partout en France pour faire découvrir une économie qui place l’utilité sociale, la coopération et l’ancrage local au cœur de leur projet.`,
      ),
      block(
        'Pour figurer au programme, la structure organisatrice relève de l’ESS, est une collectivité ou un établissement d’enseignement, la manifestation fait un lien avec l’ESS et l’inscription en ligne est obligatoire. Seules les manifestations ouvertes à tous figurent dans le programme papier, arrêté à partir du programme en ligne.',
      ),
    ],
  });

  // The most populous commune of that name in the region gives the postal code.
  const postalCodes = new Map<string, { code: string; population: number }>();
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle' || !commune.codesPostaux?.length) continue;
    const id = `${commune.region}/${commune.nom}`;
    const population = commune.population ?? 0;
    if ((postalCodes.get(id)?.population ?? -1) < population) {
      postalCodes.set(id, { code: commune.codesPostaux[0] as string, population });
    }
  }
  const postalCodeOf = (city: string, region: string): string =>
    postalCodes.get(`${region}/${city}`)?.code ?? '00000';

  const regionEntries = frenchRegions.map((r) => [r.code, regionWeights[r.code] ?? 1] as const);
  const organizations: { id: string; name: string; region: string; city: string; status: LegalStatus }[] = [];
  const usedNames = new Set<string>();
  let collisions = 0;
  // Every status and every region has organisations; then draw by weight.
  for (let index = 0; organizations.length < options.organizations; index++) {
    const region =
      index < frenchRegions.length
        ? (frenchRegions[index] as { code: string }).code
        : weighted(regionEntries);
    const status =
      index < statusWeights.length
        ? (statusWeights[index] as [LegalStatus, number])[0]
        : weighted(statusWeights);
    const [city] = pick(demoCities[region] ?? []) ?? [''];
    let name = pick(organizationPatterns[status])(city, pick);
    if (usedNames.has(name) && collisions++ < 20) continue;
    if (usedNames.has(name)) name = `${name} (${organizations.length + 1})`;
    collisions = 0;
    usedNames.add(name);
    const id = `organization-${String(organizations.length + 1).padStart(4, '0')}`;
    organizations.push({ id, name, region, city, status });
    docs.push({
      _id: id,
      _type: 'organization',
      name,
      legalStatus: status,
      region: { _type: 'reference', _ref: regionId(region) },
      website: `https://www.${slugify(name).slice(0, 40)}.example`,
      email: `contact@${slugify(name).slice(0, 40)}.example`,
      description: `${name} agit à ${city} et alentour. Elle participe au Mois de l’ESS pour faire connaître son projet et ses façons de faire.`,
    });
  }
  const organizationsByRegion = new Map<string, typeof organizations>();
  for (const org of organizations) {
    organizationsByRegion.set(org.region, [...(organizationsByRegion.get(org.region) ?? []), org]);
  }

  const usedSlugs = new Set<string>();
  const daysInNovember = 30;
  for (let index = 0; index < options.events; index++) {
    const regionCode = weighted(regionEntries);
    const region = frenchRegions.find((r) => r.code === regionCode) as (typeof frenchRegions)[number];
    const organizer = pick(organizationsByRegion.get(regionCode) ?? organizations);
    // Every format and every day of the month appear; then weekdays are busier than Sundays.
    const format: EventFormat =
      index < eventFormats.length
        ? (eventFormats[index] as { value: EventFormat }).value
        : pick(eventFormats).value;
    const day = index < daysInNovember ? index + 1 : weighted(novemberDays(year));
    const themes = [...new Set([pick(eventThemes).value, ...(chance(45) ? [pick(eventThemes).value] : [])])];
    if (index < eventThemes.length) themes[0] = (eventThemes[index] as { value: EventTheme }).value;
    const mainTheme = themes[0] as EventTheme;
    const subject = pick(themeSubjects[mainTheme]);
    // Most events happen where their organiser is.
    const regionCities = demoCities[regionCode] ?? [];
    const [cityName, lat, lng] =
      (chance(80) ? regionCities.find(([name]) => name === organizer.city) : undefined) ?? pick(regionCities);
    const title = eventTitle(format, subject, organizer.name, cityName, pick);
    let slug = slugify(`${title}-${cityName}`).slice(0, 90);
    if (usedSlugs.has(slug)) slug = `${slug}-${(index + 1).toString(36)}`;
    usedSlugs.add(slug);

    const schedule = schedules[format];
    const [hours, minutes] = pick(schedule.starts).split(':').map(Number) as [number, number];
    const startsAt = zonedTime(year, 11, day, hours, minutes, region.timeZone);
    const endsAt = new Date(startsAt.getTime() + pick(schedule.minutes) * 60_000);
    const online = chance(6);
    const openToAll =
      format === 'sensibilisation-scolaire' || format === 'rencontre-affaires' ? chance(25) : chance(90);
    const hasCapacity = chance(45);
    const statusRoll = int(1, 100);
    const status =
      statusRoll <= 2 ? 'cancelled' : statusRoll <= 5 ? 'full' : statusRoll <= 6 ? 'postponed' : 'scheduled';
    const free = chance(85);

    docs.push({
      _id: `event-${year}-${String(index + 1).padStart(5, '0')}`,
      _type: 'event',
      title,
      slug: { _type: 'slug', current: slug },
      summary: eventSummary(format, subject, organizer.name, cityName, online),
      body: [
        block(
          `${organizer.name} vous invite à ${formatPhrase(format)} consacré${format === 'atelier-participatif' || format === 'visite-entreprise' ? 'e' : ''} à ${subject}. ${pick(bodyOpenings)}`,
        ),
        block(pick(bodyMiddles)),
        block(
          openToAll
            ? 'Ouvert à toutes et à tous, sans connaissance préalable. L’inscription en ligne permet d’accueillir chacun dans de bonnes conditions.'
            : 'Réservé au public désigné par la structure organisatrice : l’inscription en ligne reste obligatoire.',
        ),
      ],
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      format,
      themes,
      openToAll,
      campaign: { _type: 'reference', _ref: campaignId },
      organizer: { _type: 'reference', _ref: organizer.id },
      region: { _type: 'reference', _ref: regionId(regionCode) },
      ...(online
        ? { onlineUrl: `https://visio.${slugify(organizer.name).slice(0, 30)}.example/${slug.slice(0, 20)}` }
        : {
            venue: {
              _type: 'venue',
              name: pick(venueNames)(organizer.name),
              address: `${int(1, 120)} ${pick(streets)}`,
              postalCode: postalCodeOf(cityName, regionCode),
              city: cityName,
              location: {
                _type: 'geopoint',
                lat: round(lat + int(-150, 150) / 10_000, 5),
                lng: round(lng + int(-150, 150) / 10_000, 5),
              },
            },
          }),
      registration: {
        _type: 'registrationSettings',
        enabled: true,
        ...(hasCapacity ? { capacity: pick([12, 15, 20, 25, 30, 40, 50, 80, 120, 200]) } : {}),
        waitingList: hasCapacity ? chance(60) : false,
        ...(chance(30) ? { closesAt: new Date(startsAt.getTime() - 24 * 3600_000).toISOString() } : {}),
        // Every other event with limited places registers at once (its organiser's choice); the
        // others ask for confirmation by e-mail, the default. No random draw: the rest of the
        // dataset stays as it was.
        ...(hasCapacity && index % 2 === 0 ? { confirmationRequired: false } : {}),
      },
      accessibility: {
        wheelchair: !online && chance(70),
        hearingLoop: !online && chance(15),
        signLanguage: chance(8),
      },
      price: free
        ? { _type: 'price', free: true }
        : {
            _type: 'price',
            free: false,
            amount: pick([3, 5, 8, 10, 15]),
            details: pick([
              'Tarif réduit pour les étudiants et demandeurs d’emploi.',
              'Repas partagé compris.',
              'Gratuit pour les moins de 12 ans.',
            ]),
          },
      status,
    });
  }

  const richBlock = (spans: { text: string; marks?: string[] }[], links: Record<string, string> = {}) => ({
    _type: 'block',
    _key: key(),
    style: 'normal',
    markDefs: Object.entries(links).map(([markKey, href]) => ({ _type: 'link', _key: markKey, href })),
    children: spans.map(({ text, marks = [] }) => ({ _type: 'span', _key: key(), text, marks })),
  });
  const eventIds = docs.filter((doc) => doc._type === 'event').map((doc) => doc._id);
  docs.push(
    ...demoPages(block),
    ...demoArticles(block, key),
    ...demoSubscriptionLists(),
    ...demoNewsletters({ year, block, richBlock, key, eventIds }),
    demoSiteSettings(),
    demoDigestSettings(),
  );
  return docs;
}

function eventTitle(
  format: EventFormat,
  subject: string,
  organizer: string,
  city: string,
  pick: <T>(list: readonly T[]) => T,
): string {
  const cap = subject.charAt(0).toUpperCase() + subject.slice(1);
  switch (format) {
    case 'portes-ouvertes':
      return `Portes ouvertes : ${organizer}`;
    case 'atelier-participatif':
      return `Atelier participatif : ${subject}`;
    case 'spectacle':
      return `Spectacle et échanges autour de ${subject}`;
    case 'debat':
      return `Débat : quelle place pour ${subject} à ${city} ?`;
    case 'conference':
      return `Conférence « ${cap} »`;
    case 'rencontre':
      return `Rencontre avec ${organizer}`;
    case 'cine-debat':
      return `Ciné-débat : « ${pick(films)} »`;
    case 'colloque':
      return `Colloque : ${subject}, regards croisés`;
    case 'visite-entreprise':
      return `Visite : ${organizer}`;
    case 'sensibilisation-scolaire':
      return `Découvrir l’ESS en classe : ${subject}`;
    case 'rencontre-affaires':
      return `Rencontres d’affaires de l’ESS à ${city}`;
    default:
      return `Balade à la découverte de l’ESS : ${subject}`;
  }
}

function formatPhrase(format: EventFormat): string {
  const phrases: Record<EventFormat, string> = {
    'portes-ouvertes': 'une journée portes ouvertes',
    'atelier-participatif': 'un atelier participatif',
    spectacle: 'un spectacle suivi d’un échange',
    debat: 'un débat',
    conference: 'une conférence',
    rencontre: 'une rencontre',
    'cine-debat': 'une projection suivie d’un débat',
    colloque: 'un colloque',
    'visite-entreprise': 'une visite',
    'sensibilisation-scolaire': 'une intervention en classe',
    'rencontre-affaires': 'des rendez-vous d’affaires',
    autre: 'un temps d’échange',
  };
  return phrases[format];
}

function eventSummary(
  format: EventFormat,
  subject: string,
  organizer: string,
  city: string,
  online: boolean,
): string {
  const where = online ? 'en ligne' : `à ${city}`;
  return `${organizer} propose ${formatPhrase(format)} ${where} sur ${subject}. Un moment pour découvrir concrètement l’économie sociale et solidaire et échanger avec celles et ceux qui la font vivre.`;
}

const bodyOpenings = [
  'Vous y découvrirez comment une structure de l’ESS concilie activité économique et utilité sociale.',
  'Salariés, bénévoles et usagers racontent leur projet et répondent à vos questions.',
  'Une occasion de comprendre ce qui distingue une entreprise de l’ESS : la gouvernance démocratique et la lucrativité limitée.',
];
const bodyMiddles = [
  'Le format est interactif : chacun peut témoigner, poser ses questions et repartir avec des contacts utiles.',
  'La séance se termine par un temps convivial pour prolonger les échanges.',
  'Des ressources seront remises aux participants pour aller plus loin, et des partenaires locaux seront présents.',
];
const venueNames: readonly ((organizer: string) => string)[] = [
  // The organisation's own premises, under its name (no article to elide or contract).
  (organizer) => organizer,
  () => 'Maison des associations',
  () => 'Tiers-lieu de la Coopérative',
  () => 'Médiathèque municipale',
  () => 'Salle polyvalente',
  () => 'Pôle ESS du territoire',
];
const streets = [
  'rue de la République',
  'avenue Jean-Jaurès',
  'rue Victor-Hugo',
  'place de la Mairie',
  'boulevard Gambetta',
  'rue des Coopérateurs',
  'quai de la Gare',
  'rue Pasteur',
];

/** November's days, Sundays rarely, weekdays most. */
function novemberDays(year: number): [number, number][] {
  return Array.from({ length: 30 }, (_, i) => {
    const weekday = new Date(Date.UTC(year, 10, i + 1)).getUTCDay();
    return [i + 1, weekday === 0 ? 0.3 : weekday === 6 ? 0.8 : 1.2];
  });
}

/** The instant at which a wall-clock time happens in a time zone. */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hours, minutes);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asIfUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (asIfUtc - guess));
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export const toNdjson = (docs: readonly Doc[]): string =>
  `${docs.map((doc) => JSON.stringify(doc)).join('\n')}\n`;

export const defaultDemoOptions: Options = { year: 2027, events: 1850, organizations: 200, seed: 2027 };
export const demoDatasetPath = join(import.meta.dirname, 'demo-dataset.ndjson');

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      events: { type: 'string' },
      scale: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const scale = Number(values.scale ?? 1);
  const year = Number(values.year ?? defaultDemoOptions.year);
  const options = {
    year,
    seed: year,
    events: Number(values.events ?? defaultDemoOptions.events) * scale,
    organizations: defaultDemoOptions.organizations * scale,
  };
  const docs = generateDemoDataset(options);
  const out = values.out ?? demoDatasetPath;
  writeFileSync(out, toNdjson(docs));
  console.log(`${docs.length} documents (${options.events} events) written to ${out}`);
}
