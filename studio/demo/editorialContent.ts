/**
 * The demo's editorial content: the Groupement's standing pages, a year of news, the newsletter's
 * subscription lists and the site settings. Written for Essaim from the seeds' facts; no sentence is copied from them.
 */
type Block = (text: string, style?: string) => Record<string, unknown>;

export function demoPages(block: Block) {
  return [
    {
      _id: 'page-vision',
      _type: 'page',
      title: 'Notre vision',
      slug: { _type: 'slug', current: 'vision' },
      introduction: 'Une économie peut créer de la richesse sans faire du profit sa seule boussole.',
      body: [
        block(
          'Nous sommes des diplômés engagés dans l’économie sociale et solidaire, ou qui souhaitent la rejoindre. Nous savons d’expérience qu’une entreprise peut servir les personnes et leur environnement tout en restant viable.',
        ),
        block(
          'Notre groupement veut faire connaître l’ESS et la faire reconnaître, au sein de notre communauté d’anciens élèves comme dans la société, et l’aider à changer d’échelle sans renoncer à la diversité de ses formes ni à des organisations à taille humaine.',
        ),
      ],
    },
    {
      _id: 'page-mission',
      _type: 'page',
      title: 'Notre mission',
      slug: { _type: 'slug', current: 'mission' },
      introduction: 'Rassembler, réfléchir et expérimenter, agir.',
      body: [
        block('Rassembler', 'h2'),
        block(
          'Nous mettons en relation celles et ceux qui travaillent dans l’ESS et donnons de la visibilité à leurs parcours. Nous accompagnons les personnes qui veulent y consacrer leur vie professionnelle.',
        ),
        block('Réfléchir et expérimenter', 'h2'),
        block(
          'Nous ouvrons des espaces de réflexion sur ce que des ingénieurs et des managers peuvent apporter à une économie humaniste, et nous participons à des expérimentations concrètes avec des structures du terrain.',
        ),
        block('Agir', 'h2'),
        block(
          'Nous mettons nos compétences au service de projets de l’ESS : mentorat, missions bénévoles, participation à des conseils d’administration.',
        ),
      ],
    },
    {
      _id: 'page-valeurs',
      _type: 'page',
      title: 'Nos valeurs',
      slug: { _type: 'slug', current: 'valeurs' },
      introduction: 'Ce qui guide nos choix et nos partenariats.',
      body: [
        block(
          'Démocratie : une personne, une voix, dans nos instances comme dans les structures que nous soutenons.',
        ),
        block(
          'Utilité sociale : chaque projet répond à un besoin réel, exprimé par les personnes concernées.',
        ),
        block(
          'Coopération : nous préférons la mutualisation à la concurrence, et l’ancrage territorial aux solutions hors-sol.',
        ),
        block(
          'Lucrativité limitée : les excédents servent d’abord le projet et celles et ceux qui le portent.',
        ),
      ],
    },
  ];
}

const articleSeeds: [slug: string, title: string, date: string, excerpt: string, themes: string[]][] = [
  [
    'bilan-mois-ess-2026',
    'Mois de l’ESS 2026 : le bilan d’une édition record',
    '2026-11-20T09:00:00Z',
    'Plus de 1 900 manifestations dans toutes les régions : retour sur un mois de portes ouvertes, de débats et de visites.',
    ['cooperation'],
  ],
  [
    'appel-propositions-2027',
    'Mois de l’ESS 2027 : préparez vos propositions',
    '2026-11-05T09:00:00Z',
    'Les critères restent les mêmes : une structure de l’ESS, un lien avec l’ESS, une inscription en ligne. Voici le calendrier.',
    ['engagement-citoyen'],
  ],
  [
    'seminaire-identite-ess',
    'Séminaire prospectif : identité et diversité de l’ESS',
    '2026-10-28T09:00:00Z',
    'Chercheurs, collectivités et structures se sont retrouvés pour dessiner une vision commune de l’ESS sur leur territoire.',
    ['cooperation'],
  ],
  [
    'scic-energie-citoyenne',
    'Énergie citoyenne : trois SCIC racontent leurs débuts',
    '2026-10-10T09:00:00Z',
    'Des habitants, des communes et des entreprises réunis au capital de coopératives de production d’énergie renouvelable.',
    ['transition-ecologique', 'entrepreneuriat-collectif'],
  ],
  [
    'mentorat-reconversion',
    'Rejoindre l’ESS : notre programme de mentorat s’ouvre',
    '2026-09-22T09:00:00Z',
    'Vous envisagez une reconversion vers l’ESS ? Des membres expérimentés vous accompagnent pendant six mois.',
    ['creation-activite', 'emploi-insertion'],
  ],
  [
    'finance-solidaire-guide',
    'Épargne solidaire : le guide pour s’y retrouver',
    '2026-09-05T09:00:00Z',
    'Labels, produits, impact : les repères pour orienter son épargne vers des projets d’utilité sociale.',
    ['finance-solidaire'],
  ],
  [
    'tiers-lieux-territoires',
    'Les tiers-lieux, laboratoires de coopération',
    '2026-07-01T09:00:00Z',
    'Ateliers partagés, cafés associatifs, fabriques : ces lieux hybrides tissent des liens entre habitants et entreprises.',
    ['culture', 'cooperation'],
  ],
  [
    'reprise-par-les-salaries',
    'Reprendre son entreprise en SCOP : mode d’emploi',
    '2026-06-12T09:00:00Z',
    'Quand le dirigeant part, les salariés peuvent reprendre l’entreprise. Étapes, financements et pièges à éviter.',
    ['entrepreneuriat-collectif'],
  ],
  [
    'alimentation-circuits-courts',
    'Circuits courts : les coopératives qui nourrissent la ville',
    '2026-05-20T09:00:00Z',
    'Épiceries coopératives et plateformes paysannes rapprochent producteurs et mangeurs.',
    ['alimentation'],
  ],
  [
    'mesurer-utilite-sociale',
    'Mesurer son utilité sociale sans y passer l’année',
    '2026-04-15T09:00:00Z',
    'Quelques indicateurs bien choisis suffisent souvent à rendre compte de ce qu’apporte un projet.',
    ['utilite-sociale'],
  ],
  [
    'egalite-gouvernance',
    'Égalité femmes-hommes dans les instances de l’ESS',
    '2026-03-08T09:00:00Z',
    'Où en sont les conseils d’administration des associations, coopératives et mutuelles ?',
    ['egalite'],
  ],
  [
    'assemblee-generale-2026',
    'Assemblée générale : une année de projets partagés',
    '2026-02-10T09:00:00Z',
    'Rapport d’activité, nouveaux membres du bureau et feuille de route pour l’année à venir.',
    ['engagement-citoyen'],
  ],
];

export function demoArticles(block: Block, key: () => string) {
  return articleSeeds.map(([slug, title, publishedAt, excerpt, themes]) => ({
    _id: `article-${slug}`,
    _type: 'article',
    title,
    slug: { _type: 'slug', current: slug },
    publishedAt,
    excerpt,
    author: 'L’équipe du Groupement',
    themes,
    body: [
      block(excerpt),
      block(
        'Cet article fait partie du jeu de démonstration d’Essaim : il montre la mise en page et le flux d’actualités.',
      ),
      { ...block('En savoir plus sur le Mois de l’ESS'), _key: key() },
    ],
  }));
}

/** Two lists offered on the subscription form, and the team's test list that is not. */
const subscriptionListSeeds: [id: string, title: string, description: string, isPublic: boolean][] = [
  [
    'actualites',
    'Actualités du réseau',
    'Une lettre par mois : les nouvelles du Groupement et de ses membres, les rendez-vous à venir et une sélection d’articles sur l’économie sociale et solidaire.',
    true,
  ],
  [
    'mois-ess',
    'Mois de l’ESS',
    'De mai à novembre : l’ouverture des propositions, la sortie du programme puis les temps forts du Mois de l’ESS près de chez vous.',
    true,
  ],
  [
    'equipe-test',
    'Liste de test (équipe)',
    'Réservée à l’équipe : chaque lettre y part avant sa diffusion, pour en relire le rendu dans les messageries. Elle n’est pas proposée sur le formulaire.',
    false,
  ],
];

export function demoSubscriptionLists() {
  return subscriptionListSeeds.map(([id, title, description, isPublic], index) => ({
    // A dash, not a dot: an id with a dot is on a sub-path, which a public dataset never shows without a token.
    _id: `subscriptionList-${id}`,
    _type: 'subscriptionList',
    title,
    slug: { _type: 'slug', current: id },
    description,
    public: isPublic,
    // The team's list receives the newsletters' test sends.
    forTests: id === 'equipe-test',
    order: (index + 1) * 10,
  }));
}

/**
 * The digests' schedule: the weekly one on Mondays at 8:00, the monthly one on the 1st at 8:00
 * (Paris), off until editors switch them on, as a new network's would be (and the local stacks'
 * timers never send one in the middle of a test run).
 */
export function demoDigestSettings() {
  return {
    _id: 'digestSettings',
    _type: 'digestSettings',
    enabled: false,
    weeklyDay: 1,
    weeklyHour: 8,
    monthlyDay: 1,
    monthlyHour: 8,
    eventWeeks: 4,
    introduction:
      'Voici ce qui s’est passé dans le réseau depuis votre dernier résumé, et les manifestations à ne pas manquer près de chez vous.',
  };
}

export function demoSiteSettings() {
  return {
    _id: 'siteSettings',
    _type: 'siteSettings',
    siteName: 'Groupement ESS',
    // The mails' banner and buttons; white text reads on it.
    brandColour: '#2e6b4f',
    description: 'Le réseau des diplômés engagés dans l’économie sociale et solidaire.',
    email: 'contact@groupement-ess.example',
    phone: '01 23 45 67 89',
    postalAddress: 'Maison des associations\n12 rue des Coopérateurs\n75011 Paris',
    socialLinks: [
      {
        _key: 'linkedin',
        _type: 'socialLink',
        network: 'LinkedIn',
        url: 'https://www.linkedin.com/company/groupement-ess-demo',
      },
      {
        _key: 'mastodon',
        _type: 'socialLink',
        network: 'Mastodon',
        url: 'https://social.example/@groupement_ess',
      },
    ],
    contactTopics: [
      {
        _key: 'information',
        _type: 'contactTopic',
        id: 'information',
        label: 'Demande d’information',
        recipients: ['contact@groupement-ess.example'],
      },
      {
        _key: 'mois-ess',
        _type: 'contactTopic',
        id: 'mois-ess',
        label: 'Mois de l’ESS : proposer ou modifier une manifestation',
        recipients: ['programme@groupement-ess.example'],
      },
      {
        _key: 'adhesion',
        _type: 'contactTopic',
        id: 'adhesion',
        label: 'Adhésion et vie du réseau',
        recipients: ['adhesions@groupement-ess.example'],
      },
      {
        _key: 'partenariat',
        _type: 'contactTopic',
        id: 'partenariat',
        label: 'Partenariat, mécénat ou presse',
        recipients: ['partenariats@groupement-ess.example'],
      },
      {
        _key: 'donnees-personnelles',
        _type: 'contactTopic',
        id: 'donnees-personnelles',
        label: 'Données personnelles (RGPD)',
        recipients: ['dpo@groupement-ess.example'],
      },
    ],
  };
}

type Span = { text: string; marks?: string[] };
/** A paragraph of several spans, with link annotations (`markDefs`). */
type RichBlock = (spans: Span[], links?: Record<string, string>) => Record<string, unknown>;

/**
 * Three newsletters of the demo year: September's and October's read as sent (the archive shows
 * them once their send is recorded), November's is being written. Their sections refer to
 * articles of the demo and to the first events of the programme.
 */
export function demoNewsletters(options: {
  year: number;
  block: Block;
  richBlock: RichBlock;
  key: () => string;
  eventIds: readonly string[];
}) {
  const { year, block, richBlock, key, eventIds } = options;
  const ref = (id: string) => ({ _type: 'reference', _ref: id, _key: key() });
  const lists = (...ids: string[]) => ids.map((id) => ref(`subscriptionList-${id}`));
  const section = (heading: string, text: string, items: string[]) => ({
    _type: 'newsletterSection',
    _key: key(),
    heading,
    text,
    items: items.map(ref),
  });
  const programme = 'https://www.groupement-ess.example/mois-de-l-ess';
  return [
    {
      _id: `newsletter-septembre-${year}`,
      _type: 'newsletter',
      subject: `Mois de l’ESS ${year} : le programme se dessine`,
      slug: { _type: 'slug', current: `lettre-septembre-${year}` },
      preheader: 'Les propositions arrivent de toutes les régions : voici où en est le programme.',
      introduction: [
        block(
          'La rentrée est là, et avec elle les premières propositions de manifestations pour novembre : portes ouvertes, ciné-débats, visites d’entreprises coopératives.',
        ),
        richBlock(
          [
            { text: 'Vous organisez une manifestation ? ' },
            { text: 'Les critères et le calendrier', marks: ['lien'] },
            { text: ' sont en ligne.' },
          ],
          { lien: programme },
        ),
      ],
      sections: [
        section('À lire', 'Deux articles pour préparer le mois.', [
          'article-appel-propositions-2027',
          'article-finance-solidaire-guide',
        ]),
      ],
      audience: { _type: 'object', lists: lists('actualites', 'mois-ess') },
    },
    {
      _id: `newsletter-octobre-${year}`,
      _type: 'newsletter',
      subject: `Octobre : les premiers rendez-vous du Mois de l’ESS ${year}`,
      slug: { _type: 'slug', current: `lettre-octobre-${year}` },
      preheader: 'Inscrivez-vous dès maintenant : les places partent vite.',
      introduction: [
        block('Le programme est presque complet', 'h2'),
        block(
          'Plus de mille manifestations sont déjà en ligne, dans toutes les régions. Voici une sélection de l’équipe, à réserver dès aujourd’hui.',
        ),
      ],
      sections: [
        section('Nos coups de cœur', 'Trois rendez-vous ouverts à toutes et à tous.', eventIds.slice(0, 3)),
        section('Côté réseau', '', ['article-scic-energie-citoyenne']),
      ],
      audience: { _type: 'object', lists: lists('actualites', 'mois-ess') },
    },
    {
      _id: `newsletter-novembre-${year}`,
      _type: 'newsletter',
      subject: `Novembre : c’est le Mois de l’ESS ${year}`,
      slug: { _type: 'slug', current: `lettre-novembre-${year}` },
      preheader: 'En préparation : relue par l’équipe avant son envoi.',
      introduction: [block('Le mois est lancé : retrouvez les manifestations près de chez vous.')],
      sections: [section('Cette semaine', '', eventIds.slice(3, 5))],
      audience: { _type: 'object', lists: lists('mois-ess'), themes: ['cooperation'] },
    },
  ];
}
