/**
 * Message catalogue for everything a visitor reads in an API answer. French first;
 * English follows for `Accept-Language: en`. E-mail texts live with their templates.
 */
export type Language = 'fr' | 'en';
export const languages: readonly Language[] = ['fr', 'en'];

const fr = {
  'problem.validation.title': 'La requête contient des données invalides',
  'problem.validation.detail': 'Corrigez les champs signalés puis renvoyez le formulaire.',
  'problem.malformedJson.title': 'Corps de requête illisible',
  'problem.malformedJson.detail': 'Le corps de la requête n’est pas un JSON valide.',
  'problem.unsupportedMediaType.title': 'Type de contenu non pris en charge',
  'problem.unsupportedMediaType.detail':
    'Envoyez le corps de la requête en JSON (Content-Type: application/json).',
  'problem.payloadTooLarge.title': 'Requête trop volumineuse',
  'problem.payloadTooLarge.detail': 'Le corps de la requête dépasse {limit} octets.',
  'problem.notFound.title': 'Ressource introuvable',
  'problem.notFound.detail': 'Aucune ressource ne correspond à l’adresse {path}.',
  'problem.methodNotAllowed.title': 'Méthode non autorisée',
  'problem.methodNotAllowed.detail':
    'La méthode {method} n’est pas acceptée ici. Méthodes possibles : {allowed}.',
  'problem.tooManyRequests.title': 'Trop de demandes',
  'rateLimit.client':
    'Trop de demandes sont venues de votre connexion en peu de temps. Réessayez dans {minutes} min.',
  'rateLimit.mailbox':
    'L’adresse e-mail concernée a déjà reçu plusieurs messages de notre part : pour ne pas l’encombrer, réessayez dans {minutes} min.',
  'problem.challenge.title': 'Vérification anti-robot',
  'challenge.missing':
    'Ce formulaire demande une courte vérification anti-robot que votre navigateur fait de lui-même : rechargez la page, puis envoyez-le à nouveau.',
  'challenge.invalid':
    'La vérification anti-robot n’a pas abouti ou a expiré : rechargez la page, puis envoyez le formulaire à nouveau.',
  'challenge.replayed':
    'Cette vérification anti-robot a déjà servi : rechargez la page, puis envoyez le formulaire à nouveau.',
  'problem.busy.title': 'Service très sollicité',
  'problem.busy.detail':
    'Beaucoup de personnes font la même démarche en ce moment : rien n’a été enregistré. Réessayez dans quelques secondes.',
  'programme.notReady.detail':
    'Le programme est en cours de préparation : il sera en ligne dans une minute ou deux. Réessayez dans un instant.',
  'problem.timeout.detail':
    'Le service n’a pas répondu à temps ; votre demande a pu être enregistrée. Réessayez dans quelques secondes : une même demande n’est jamais enregistrée deux fois.',
  'problem.internal.title': 'Erreur interne',
  'problem.internal.detail': 'Une erreur inattendue s’est produite. Réessayez dans quelques instants.',
  'field.required': 'Ce champ est obligatoire.',
  'field.text.tooLong': 'Ce champ ne doit pas dépasser {maximum} caractères.',
  'field.text.empty': 'Ce champ ne doit pas être vide.',
  'field.text.controlCharacters': 'Ce champ ne doit contenir ni retour à la ligne ni caractère de contrôle.',
  'field.email.invalid': 'L’adresse e-mail n’est pas valide.',
  'field.consent.required': 'Votre accord est nécessaire pour que nous puissions traiter votre message.',
  'field.unknownField': 'Ce champ n’est pas attendu.',
  'contact.topic.unknown': 'Ce sujet ne fait pas partie de la liste proposée.',
  'contact.message.tooLong': 'Le message ne doit pas dépasser {maximum} caractères.',
  'problem.unauthorized.title': 'Signature invalide',
  'problem.unauthorized.detail': 'La requête n’est pas signée par Sanity avec le secret attendu.',
  'webhook.stale':
    'La signature est trop ancienne, ou datée du futur : la requête est refusée. Une modification manquée est reprise par la resynchronisation.',
  'problem.eventNotFound.detail': 'Aucune manifestation ne correspond à « {slug} ».',
  'problem.articleNotFound.detail': 'Aucune actualité publiée ne correspond à « {slug} ».',
  'problem.newsletterNotFound.detail': 'Aucune lettre d’information envoyée ne correspond à « {slug} ».',
  'programme.region.unknown':
    'Code de région inconnu : utilisez un code officiel (par exemple 53 pour la Bretagne).',
  'programme.format.unknown': 'Format inconnu.',
  'programme.theme.unknown': 'Thème inconnu.',
  'programme.date.invalid': 'Date invalide : utilisez AAAA-MM-JJ ou une date ISO 8601 complète.',
  'programme.boolean.invalid': 'Valeur attendue : true ou false.',
  'programme.campaign.invalid': 'Identifiant de campagne invalide.',
  'programme.limit.invalid': 'Le nombre de résultats par page va de 1 à 100.',
  'programme.cursor.invalid':
    'Curseur de pagination invalide : reprenez la valeur nextCursor d’une réponse précédente.',
  'registration.consent.required': 'Votre accord est nécessaire pour enregistrer votre inscription.',
  'problem.registrationClosed.title': 'Inscriptions fermées',
  'registration.closed.disabled': 'Cette manifestation ne propose pas d’inscription en ligne.',
  'registration.closed.cancelled': 'Cette manifestation est annulée.',
  'registration.closed.postponed':
    'Cette manifestation est reportée : les inscriptions rouvriront avec la nouvelle date.',
  'registration.closed.closed': 'Les inscriptions à cette manifestation sont closes.',
  'registration.closed.started': 'Cette manifestation a déjà commencé.',
  'problem.full.title': 'Manifestation complète',
  'registration.full': 'Il n’y a plus de place et cette manifestation n’a pas de liste d’attente.',
  'registration.notFound': 'Ce lien d’inscription n’est pas valide.',
  'registration.pending':
    'Vérifiez votre messagerie : un e-mail part vers cette adresse. Cliquez sur son lien pour confirmer l’inscription ; sans confirmation, aucune place n’est gardée.',
  'registration.cancelledBefore':
    'Cette inscription a été annulée. Inscrivez-vous de nouveau si vous souhaitez venir.',
  'registration.confirmationExpired':
    'Ce lien de confirmation a expiré (il est valable 24 heures). Inscrivez-vous de nouveau pour en recevoir un autre.',
  'attendees.requested':
    'Si cette manifestation a des inscrits, un lien vers leur liste est envoyé à la structure organisatrice et à la chambre régionale.',
  'subscription.list.unknown': 'Cette liste ne fait pas partie des listes proposées.',
  'subscription.lists.required': 'Choisissez au moins une liste.',
  'subscription.theme.unknown': 'Thème inconnu.',
  'subscription.digest.unknown': 'Choisissez « chaque semaine », « chaque mois » ou « jamais ».',
  'subscription.consent.required': 'Votre accord est nécessaire pour que nous puissions vous écrire.',
  'subscription.requested':
    'Merci ! Si cette adresse peut recevoir nos lettres, un e-mail vient de lui être envoyé : cliquez sur son lien pour confirmer l’abonnement.',
  'subscription.linkInvalid': 'Ce lien d’abonnement n’est pas valide, ou l’abonnement n’existe plus.',
  'problem.linkExpired.title': 'Lien expiré',
  'subscription.unsubscribeBody':
    'Envoyez « List-Unsubscribe=One-Click » (RFC 8058) ou « scope=all » en formulaire.',
  'subscription.confirmationExpired':
    'Ce lien de confirmation a expiré (il est valable 7 jours). Abonnez-vous de nouveau pour en recevoir un autre.',
  'personalData.request.unknown': 'Choisissez « Recevoir mes données » ou « Effacer mes données ».',
  'personalData.requested':
    'Merci ! Si cette adresse peut recevoir nos e-mails, un e-mail vient de lui être envoyé : cliquez sur son lien pour confirmer votre demande. Rien ne se passe avant votre clic.',
  'personalData.linkInvalid': 'Ce lien de confirmation n’est pas valide, ou la demande n’existe plus.',
  'personalData.confirmationExpired':
    'Ce lien de confirmation a expiré (il est valable 24 heures). Faites une nouvelle demande pour en recevoir un autre.',
  'problem.campaignNotFound.detail': 'Aucune campagne ne correspond à « {campaign} ».',
  'problem.submissionsClosed.title': 'Propositions fermées',
  'submission.url.invalid': 'Indiquez une adresse complète qui commence par https://.',
  'problem.submissionConflict.title': 'Modification simultanée',
} as const;

/**
 * Messages a feature keeps in its own folder (`defineMessages`), so that only the functions that
 * use them carry them. A feature declares its keys here by declaration merging:
 * `declare module '../shared/messages.ts' { interface FeatureMessages extends Record<MyKey, true> {} }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the features' declaration merging.
export interface FeatureMessages {}

type SharedMessageKey = keyof typeof fr;
export type MessageKey = SharedMessageKey | keyof FeatureMessages;

const en: Record<SharedMessageKey, string> = {
  'problem.validation.title': 'The request contains invalid data',
  'problem.validation.detail': 'Correct the fields listed and send the form again.',
  'problem.malformedJson.title': 'Unreadable request body',
  'problem.malformedJson.detail': 'The request body is not valid JSON.',
  'problem.unsupportedMediaType.title': 'Unsupported content type',
  'problem.unsupportedMediaType.detail': 'Send the request body as JSON (Content-Type: application/json).',
  'problem.payloadTooLarge.title': 'Request too large',
  'problem.payloadTooLarge.detail': 'The request body exceeds {limit} bytes.',
  'problem.notFound.title': 'Resource not found',
  'problem.notFound.detail': 'Nothing matches the address {path}.',
  'problem.methodNotAllowed.title': 'Method not allowed',
  'problem.methodNotAllowed.detail': '{method} is not accepted here. Allowed methods: {allowed}.',
  'problem.tooManyRequests.title': 'Too many requests',
  'rateLimit.client':
    'Too many requests came from your connection in a short time. Try again in {minutes} min.',
  'rateLimit.mailbox':
    'The e-mail address concerned has already received several messages from us: so as not to clutter it, try again in {minutes} min.',
  'problem.challenge.title': 'Anti-robot check',
  'challenge.missing':
    'This form asks for a short anti-robot check your browser does by itself: reload the page, then send it again.',
  'challenge.invalid': 'The anti-robot check failed or expired: reload the page, then send the form again.',
  'challenge.replayed': 'This anti-robot check was already used: reload the page, then send the form again.',
  'problem.busy.title': 'Service busy',
  'problem.busy.detail':
    'Many people are doing the same right now: nothing was recorded. Please try again in a few seconds.',
  'programme.notReady.detail':
    'The programme is being prepared: it will be online in a minute or two. Please try again shortly.',
  'problem.timeout.detail':
    'The service did not answer in time; your request may have been recorded. Please try again in a few seconds: the same request is never recorded twice.',
  'problem.internal.title': 'Internal error',
  'problem.internal.detail': 'Something unexpected happened. Please try again in a moment.',
  'field.required': 'This field is required.',
  'field.text.tooLong': 'This field must not exceed {maximum} characters.',
  'field.text.empty': 'This field must not be empty.',
  'field.text.controlCharacters': 'This field must not contain line breaks or control characters.',
  'field.email.invalid': 'The e-mail address is not valid.',
  'field.consent.required': 'We need your consent to process your message.',
  'field.unknownField': 'This field is not expected.',
  'contact.topic.unknown': 'This topic is not one of those offered.',
  'contact.message.tooLong': 'The message must not exceed {maximum} characters.',
  'problem.unauthorized.title': 'Invalid signature',
  'problem.unauthorized.detail': 'The request is not signed by Sanity with the expected secret.',
  'webhook.stale':
    'The signature is too old, or dated in the future: the request is refused. A missed change is picked up by the resync.',
  'problem.eventNotFound.detail': 'No event matches "{slug}".',
  'problem.articleNotFound.detail': 'No published article matches "{slug}".',
  'problem.newsletterNotFound.detail': 'No sent newsletter matches "{slug}".',
  'programme.region.unknown': 'Unknown region code: use an official code (for example 53 for Brittany).',
  'programme.format.unknown': 'Unknown format.',
  'programme.theme.unknown': 'Unknown theme.',
  'programme.date.invalid': 'Invalid date: use YYYY-MM-DD or a full ISO 8601 date.',
  'programme.boolean.invalid': 'Expected true or false.',
  'programme.campaign.invalid': 'Invalid campaign identifier.',
  'programme.limit.invalid': 'Results per page range from 1 to 100.',
  'programme.cursor.invalid': 'Invalid page cursor: reuse the nextCursor of a previous answer.',
  'registration.consent.required': 'We need your consent to record your registration.',
  'problem.registrationClosed.title': 'Registration closed',
  'registration.closed.disabled': 'This event has no online registration.',
  'registration.closed.cancelled': 'This event is cancelled.',
  'registration.closed.postponed': 'This event is postponed: registration will reopen with the new date.',
  'registration.closed.closed': 'Registration for this event is closed.',
  'registration.closed.started': 'This event has already started.',
  'problem.full.title': 'Event full',
  'registration.full': 'No place is left and this event has no waiting list.',
  'registration.notFound': 'This registration link is not valid.',
  'registration.pending':
    'Check your mailbox: an e-mail is on its way to this address. Click its link to confirm the registration; without confirmation, no place is kept.',
  'registration.cancelledBefore': 'This registration was cancelled. Register again if you wish to come.',
  'registration.confirmationExpired':
    'This confirmation link has expired (it is valid 24 hours). Register again to receive another one.',
  'attendees.requested':
    'If this event has registrants, a link to their list is sent to the organising organisation and to the regional chamber.',
  'subscription.list.unknown': 'This list is not one of those offered.',
  'subscription.lists.required': 'Choose at least one list.',
  'subscription.theme.unknown': 'Unknown theme.',
  'subscription.digest.unknown': 'Choose “weekly”, “monthly” or “none”.',
  'subscription.consent.required': 'We need your consent to write to you.',
  'subscription.requested':
    'Thank you! If this address can receive our newsletters, an e-mail has just been sent to it: click its link to confirm the subscription.',
  'subscription.linkInvalid': 'This subscription link is not valid, or the subscription no longer exists.',
  'problem.linkExpired.title': 'Link expired',
  'subscription.unsubscribeBody': 'Send “List-Unsubscribe=One-Click” (RFC 8058) or “scope=all” as a form.',
  'subscription.confirmationExpired':
    'This confirmation link has expired (it is valid 7 days). Subscribe again to receive another one.',
  'personalData.request.unknown': 'Choose “Receive my data” or “Erase my data”.',
  'personalData.requested':
    'Thank you! If this address can receive our e-mails, an e-mail has just been sent to it: click its link to confirm your request. Nothing happens before your click.',
  'personalData.linkInvalid': 'This confirmation link is not valid, or the request no longer exists.',
  'personalData.confirmationExpired':
    'This confirmation link has expired (it is valid 24 hours). Make a new request to receive another one.',
  'problem.campaignNotFound.detail': 'No campaign matches “{campaign}”.',
  'problem.submissionsClosed.title': 'Submissions closed',
  'submission.url.invalid': 'Give a full address starting with https://.',
  'problem.submissionConflict.title': 'Simultaneous edit',
};

// Copies the features' catalogues are added to; marked pure so that a bundle that never
// translates drops the whole module.
const catalogues: Record<Language, Record<string, string>> = {
  fr: /* @__PURE__ */ Object.assign({}, fr),
  en: /* @__PURE__ */ Object.assign({}, en),
};

/**
 * Adds a feature's messages (French and English, the same keys) to the catalogue, when the
 * module that defines them is loaded: a function carries only the messages of what it imports.
 */
export function defineMessages<Key extends string>(messages: {
  readonly fr: Readonly<Record<Key, string>>;
  readonly en: Readonly<Record<Key, string>>;
}): void {
  Object.assign(catalogues.fr, messages.fr);
  Object.assign(catalogues.en, messages.en);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(catalogues.fr, value);
}

export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return (catalogues[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
