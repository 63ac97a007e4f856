import { contactConsentText } from '../../functions/contact/contactForm.ts';
import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { type HostedPage, type HostedPageName, hostedPages } from '../pages.ts';

/** Replaced by the API's address where the page is served (the local server, the CDK deployment). */
export const apiUrlPlaceholder = '%ESSAIM_API_URL%';
/** Pages that carry `apiUrlPlaceholder` (a plain form must name the API without JavaScript). */
export const pagesWithApiUrl: readonly HostedPageName[] = ['demo'];

interface Assets {
  readonly scriptPath: string;
  readonly stylesheetPath: string;
  /** The network's name in the pages' header. */
  readonly siteName: string;
}

const noscript = (what: string, advice = 'Activez-le, ou utilisez un autre navigateur.') =>
  `<noscript><p class="essaim-notice essaim-notice-warning">${what} a besoin de JavaScript pour s’afficher. ${advice}</p></noscript>`;

function layout(page: HostedPage, assets: Assets, main: string): string {
  const tokenMeta = page.carriesToken
    ? '\n<meta name="robots" content="noindex, nofollow">\n<meta name="referrer" content="no-referrer">'
    : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${tokenMeta}
<title>${escapeHtml(page.title)} – ${escapeHtml(assets.siteName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.stylesheetPath}" data-essaim>
<script type="module" src="${assets.scriptPath}"></script>
</head>
<body class="essaim-page">
<a class="essaim-skip-link" href="#contenu">Aller au contenu</a>
<header><p><a href="/">${escapeHtml(assets.siteName)}</a></p></header>
<main id="contenu" tabindex="-1">
${main}
</main>
<footer><p>Programme, inscriptions et contact propulsés par Essaim, logiciel libre. <a href="${hostedPages.personalData.path}">Vos données personnelles</a></p></footer>
</body>
</html>
`;
}

const thanks = (heading: string, paragraphs: readonly string[], extra = '') =>
  `<h1>${heading}</h1>\n${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}\n${extra}`;

/** The plain-HTML contact form of the README's snippet (no JavaScript), with the demo's topics. */
export function plainContactSnippet(apiUrl: string): string {
  return `<form method="post" action="${apiUrl}/contact">
  <label for="nom">Votre nom</label>
  <input id="nom" name="name" autocomplete="name" maxlength="120" required>
  <label for="courriel">Votre adresse e-mail</label>
  <input id="courriel" name="email" type="email" autocomplete="email" required>
  <label for="sujet">Sujet</label>
  <select id="sujet" name="topic" required>
    <option value="information">Demande d’information</option>
    <option value="adhesion">Adhésion et vie du réseau</option>
  </select>
  <label for="message">Votre message</label>
  <textarea id="message" name="message" maxlength="5000" required></textarea>
  <input id="accord" name="consent" type="checkbox" value="true" required>
  <label for="accord">${contactConsentText}</label>
  <button type="submit">Envoyer le message</button>
</form>`;
}

const bodies: Record<HostedPageName, () => string> = {
  home: () => `<h1>Programme, inscriptions et contact</h1>
<ul>
<li><a href="${hostedPages.programme.path}">Le programme des manifestations</a></li>
<li><a href="${hostedPages.contact.path}">Nous écrire</a></li>
<li><a href="${hostedPages.subscribe.path}">S’abonner aux lettres d’information</a></li>
<li><a href="${hostedPages.newsletters.path}">Les lettres d’information envoyées</a></li>
<li><a href="${hostedPages.submission.path}">Proposer une manifestation au programme</a></li>
<li><a href="${hostedPages.personalData.path}">Vos données personnelles : les recevoir, les effacer</a></li>
<li><a href="${hostedPages.demo.path}">Démonstration : les composants intégrés à un site</a></li>
</ul>`,
  programme: () => `<h1>Le programme</h1>
${noscript('Le programme')}
<essaim-programme sync-url heading-level="2"></essaim-programme>`,
  event: () => `${noscript('Cette manifestation')}
<essaim-event structured-data heading-level="1"></essaim-event>`,
  contact: () => `<h1>Nous écrire</h1>
${noscript('Le formulaire de contact')}
<essaim-contact></essaim-contact>`,
  manageRegistration: () => `<h1>Votre inscription</h1>
${noscript('Votre inscription')}
<essaim-registration></essaim-registration>`,
  attendeeList: () => `<h1>Liste des inscrits</h1>
${noscript('Cette page')}
<essaim-attendee-list></essaim-attendee-list>`,
  messageSent: () =>
    thanks('Merci, votre message est bien envoyé', [
      'Un accusé de réception part vers l’adresse que vous avez indiquée. Nous vous répondrons dès que possible.',
    ]),
  registrationConfirmed: () =>
    thanks(
      'Votre inscription est confirmée',
      [
        'Un e-mail de confirmation vous a été envoyé, avec les informations pratiques et un lien pour gérer ou annuler votre inscription.',
        'Vous ne le trouvez pas ? Regardez dans vos courriers indésirables.',
      ],
      '<essaim-event-link></essaim-event-link>',
    ),
  registrationWaitlisted: () =>
    thanks(
      'Vous êtes sur la liste d’attente',
      [
        'La manifestation est complète. Si une place se libère, elle est attribuée dans l’ordre d’inscription et un e-mail vous prévient.',
        'Un e-mail vous confirme votre inscription sur la liste d’attente, avec un lien pour la gérer ou l’annuler.',
      ],
      '<essaim-event-link></essaim-event-link>',
    ),
  registrationPending: () =>
    thanks(
      'Vérifiez votre messagerie',
      [
        'Un e-mail part vers l’adresse que vous avez indiquée. Cliquez sur son lien pour confirmer votre inscription : une place vous est réservée quelques minutes en attendant, puis proposée à d’autres.',
        'Vous ne le trouvez pas ? Regardez dans vos courriers indésirables.',
      ],
      '<essaim-event-link></essaim-event-link>',
    ),
  subscribe: () => `<h1>S’abonner aux lettres d’information</h1>
${noscript('Le formulaire d’abonnement')}
<essaim-subscribe></essaim-subscribe>`,
  subscriptionRequested: () =>
    thanks('Plus qu’une étape : confirmez votre abonnement', [
      'Si cette adresse peut recevoir nos lettres, un e-mail vient de lui être envoyé. Cliquez sur son lien pour confirmer : sans ce clic, vous ne recevrez rien et votre adresse sera oubliée dans 7 jours.',
      'Vous ne le trouvez pas ? Regardez dans vos courriers indésirables.',
    ]),
  confirmSubscription: () => `<h1>Confirmer votre abonnement</h1>
${noscript('La confirmation')}
<essaim-subscription-confirm></essaim-subscription-confirm>`,
  subscriptionPreferences: () => `<h1>Vos préférences d’abonnement</h1>
${noscript('Vos préférences')}
<essaim-subscription-preferences></essaim-subscription-preferences>`,
  unsubscribe: () => `<h1>Se désabonner</h1>
${noscript('Le désabonnement')}
<essaim-unsubscribe></essaim-unsubscribe>`,
  personalData: () => `<h1>Vos données personnelles</h1>
<p>Recevez tout ce que nous gardons sur votre adresse e-mail (abonnement, inscriptions, messages), ou faites-le effacer. Pour être sûrs que c’est bien vous, nous envoyons d’abord un lien de confirmation à cette adresse.</p>
${noscript('Le formulaire')}
<essaim-personal-data></essaim-personal-data>`,
  personalDataRequested: () =>
    thanks('Plus qu’une étape : confirmez votre demande', [
      'Si cette adresse peut recevoir nos e-mails, un e-mail vient de lui être envoyé. Cliquez sur son lien (valable 24 heures) pour confirmer : rien ne se passe avant votre clic.',
      'Vous ne le trouvez pas ? Regardez dans vos courriers indésirables.',
    ]),
  confirmPersonalData: () => `<h1>Confirmer votre demande</h1>
${noscript('La confirmation')}
<essaim-personal-data-confirm></essaim-personal-data-confirm>`,
  newsletters: () => `<h1>Les lettres d’information</h1>
<p>Les lettres envoyées aux abonnés, de la plus récente à la plus ancienne. <a href="${hostedPages.subscribe.path}">S’abonner</a></p>
${noscript('La liste des lettres')}
<essaim-newsletter-archive></essaim-newsletter-archive>`,
  newsletter: () => `${noscript('Cette lettre')}
<essaim-newsletter heading-level="1"></essaim-newsletter>`,
  submission: () => `<h1>Proposer une manifestation</h1>
<p>Votre structure relève de l’économie sociale et solidaire, ou c’est une collectivité ou un établissement d’enseignement ? Proposez votre manifestation : l’équipe de la CRESS de votre région la relit, puis la publie au programme.</p>
${noscript('Le formulaire de proposition')}
<essaim-submission campaign="mois-ess-2027"></essaim-submission>`,
  submissionSent: () =>
    thanks('Merci, votre proposition est bien envoyée', [
      'Un accusé de réception part vers l’adresse que vous avez indiquée, avec un lien pour revoir et modifier votre proposition tant que les propositions sont ouvertes.',
      'L’équipe de la CRESS de votre région la relira avant de la publier au programme. Vous ne trouvez pas l’accusé de réception ? Regardez dans vos courriers indésirables.',
    ]),
  directory: () => `<h1>L’annuaire des membres</h1>
<p>Les membres du réseau qui ont choisi d’y paraître : ce qu’ils proposent, ce qu’ils recherchent. <a href="${hostedPages.directoryJoin.path}">Rejoindre l’annuaire</a></p>
${noscript('L’annuaire')}
<essaim-directory heading-level="2"></essaim-directory>`,
  directoryJoin: () => `<h1>Rejoindre l’annuaire des membres</h1>
<p>Votre fiche paraît dans l’annuaire une fois votre adresse confirmée et la fiche relue par l’équipe. Vous choisissez ce qui est public ; vous pouvez la modifier ou la supprimer à tout moment.</p>
${noscript('Le formulaire')}
<essaim-directory-join></essaim-directory-join>`,
  directoryEntry: () => `<h1>Votre fiche de l’annuaire</h1>
${noscript('Votre fiche')}
<essaim-directory-join></essaim-directory-join>`,
  meetingSpace: () => `<h1>Votre espace de rendez-vous d’affaires</h1>
${noscript('Votre espace')}
<essaim-meeting-space></essaim-meeting-space>`,
  meetingGrid: () => `<h1>La grille des rendez-vous d’affaires</h1>
${noscript('La grille')}
<essaim-meeting-grid></essaim-meeting-grid>`,
  demo: () => `<h1>Démonstration : les composants sur un site hôte</h1>
<p>Cette page intègre les composants comme le ferait le site d’un réseau : un script et trois balises.</p>
<section aria-labelledby="demo-programme"><h2 id="demo-programme">Le programme</h2>
${noscript('Le programme')}
<essaim-programme heading-level="3"></essaim-programme></section>
<section aria-labelledby="demo-event"><h2 id="demo-event">Une manifestation et son formulaire d’inscription</h2>
${noscript('Cette manifestation')}
<essaim-event pick="next-open" heading-level="3"></essaim-event></section>
<section aria-labelledby="demo-contact"><h2 id="demo-contact">Le formulaire de contact</h2>
${noscript('Ce formulaire', 'Le même en HTML seul, ci-dessous, fonctionne sans.')}
<essaim-contact heading-level="3"></essaim-contact></section>
<section aria-labelledby="demo-plain"><h2 id="demo-plain">Le même formulaire en HTML seul (sans JavaScript)</h2>
<div class="essaim essaim-plain">${plainContactSnippet(apiUrlPlaceholder)}</div></section>`,
};

/** Every hosted page, as `[path, html]`. */
export function renderHostedPages(assets: Assets): [string, string][] {
  return (Object.keys(hostedPages) as HostedPageName[]).map((name) => [
    hostedPages[name].path,
    layout(hostedPages[name], assets, bodies[name]()),
  ]);
}
