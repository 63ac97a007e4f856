/**
 * The hosted visitor pages, listed once: the build writes them, the local pages server and
 * CloudFront serve them with the headers `pageHeaders` gives. A page that carries a token in
 * its address (a manage link, an attendee-list link) is never indexed and sends no referrer.
 */
export interface HostedPage {
  /** Path under the pages' base URL (`PAGES_URL`), with its `.html`. */
  readonly path: `/${string}.html`;
  /** Its title, in French (the browser tab, the first heading). */
  readonly title: string;
  /** Its address carries a credential (`?jeton=…`): `noindex`, `Referrer-Policy: no-referrer`. */
  readonly carriesToken: boolean;
}

const page = (path: HostedPage['path'], title: string, carriesToken = false): HostedPage => ({
  path,
  title,
  carriesToken,
});

export const hostedPages = {
  home: page('/index.html', 'Programme, inscriptions et contact'),
  programme: page('/programme.html', 'Le programme'),
  event: page('/manifestation.html', 'Manifestation'),
  contact: page('/contact.html', 'Nous écrire'),
  manageRegistration: page('/inscription.html', 'Votre inscription', true),
  attendeeList: page('/liste-des-inscrits.html', 'Liste des inscrits', true),
  messageSent: page('/merci-message.html', 'Message envoyé'),
  registrationConfirmed: page('/merci-inscription.html', 'Inscription confirmée'),
  registrationWaitlisted: page('/merci-liste-d-attente.html', 'Inscription sur liste d’attente'),
  registrationPending: page('/merci-inscription-a-confirmer.html', 'Confirmez votre inscription'),
  subscribe: page('/abonnement.html', 'S’abonner aux lettres d’information'),
  subscriptionRequested: page('/merci-abonnement.html', 'Confirmez votre abonnement'),
  confirmSubscription: page('/confirmer-abonnement.html', 'Confirmer votre abonnement', true),
  subscriptionPreferences: page('/preferences-abonnement.html', 'Vos préférences d’abonnement', true),
  unsubscribe: page('/desabonnement.html', 'Se désabonner', true),
  newsletters: page('/lettres.html', 'Les lettres d’information'),
  newsletter: page('/lettre.html', 'Lettre d’information'),
  personalData: page('/donnees-personnelles.html', 'Vos données personnelles'),
  personalDataRequested: page('/merci-donnees-personnelles.html', 'Confirmez votre demande'),
  confirmPersonalData: page('/confirmer-donnees-personnelles.html', 'Confirmer votre demande', true),
  // The form, and the organiser's signed link (`?jeton=`) to the same page in its edit mode.
  submission: page('/proposition.html', 'Proposer une manifestation', true),
  submissionSent: page('/merci-proposition.html', 'Proposition envoyée'),
  // The member directory, the form to join it, and the member's signed link (`?jeton=`) to their entry.
  directory: page('/annuaire.html', 'L’annuaire des membres'),
  directoryJoin: page('/annuaire-inscription.html', 'Rejoindre l’annuaire des membres'),
  directoryEntry: page('/annuaire-fiche.html', 'Votre fiche de l’annuaire', true),
  // A business-meeting participant's signed link (`?jeton=`) to their space: wishes, then schedule.
  meetingSpace: page('/rencontre-espace.html', 'Votre espace de rendez-vous d’affaires', true),
  // The organising team's signed link (`?slug=…&jeton=…`) to the grid: see it, move or cancel a meeting.
  meetingGrid: page('/rencontre-grille.html', 'La grille des rendez-vous d’affaires', true),
  demo: page('/demo.html', 'Démonstration : les composants sur un site hôte'),
} as const satisfies Record<string, HostedPage>;

export type HostedPageName = keyof typeof hostedPages;

/** The path of the immutable, versioned scripts and styles: `/essaim/<version>/essaim.js`. */
export const versionedAssetsPrefix = '/essaim/';
/** The stable address of the latest script (a short cache), for host pages that always want the latest. */
export const latestScriptPath = '/essaim/essaim.js';
/** What the components read to find the API when the host page does not say (`api` attribute). */
export const configPath = '/config.json';

/** The page `path` names, if any (`/` is the home page). */
export function hostedPageAt(path: string): HostedPage | undefined {
  const wanted = path === '/' ? '/index.html' : path;
  return Object.values(hostedPages).find((candidate) => candidate.path === wanted);
}
