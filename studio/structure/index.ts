import { ClockIcon } from '@sanity/icons/Clock';
import { CogIcon } from '@sanity/icons/Cog';
import { UsersIcon } from '@sanity/icons/Users';
import type { DefaultDocumentNodeResolver, StructureResolver } from 'sanity/structure';
import { DigestSendings } from './digestSendings.tsx';
import { moderationListItem } from './moderation.ts';
import { NewsletterSending } from './newsletterSending.tsx';
import { SubscriberCounts } from './subscriberCounts.tsx';

/** Editors' sidebar: the programme first, then content, with the settings as one document. */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Contenu')
    .items([
      S.documentTypeListItem('event').title('Manifestations'),
      moderationListItem(S),
      S.documentTypeListItem('organization').title('Structures'),
      S.documentTypeListItem('campaign').title('Campagnes'),
      S.documentTypeListItem('region').title('Régions'),
      S.documentTypeListItem('businessMeeting').title('Rencontres d’affaires'),
      S.documentTypeListItem('directoryEntry').title('Annuaire des membres'),
      S.divider(),
      S.documentTypeListItem('article').title('Actualités'),
      S.documentTypeListItem('page').title('Pages'),
      S.documentTypeListItem('newsletter').title('Lettres d’information'),
      S.documentTypeListItem('subscriptionList').title('Listes de diffusion'),
      // Counts kept by the backend on a private path: editors see them, anonymous readers never.
      S.listItem()
        .id('abonnes')
        .title('Abonnés')
        .icon(UsersIcon)
        .child(S.component(SubscriberCounts).id('abonnes-chiffres').title('Abonnés')),
      S.listItem()
        .id('resumes')
        .title('Résumés par e-mail')
        .icon(ClockIcon)
        .child(
          S.document()
            .schemaType('digestSettings')
            .documentId('digestSettings')
            .title('Résumés par e-mail')
            // The schedule's form, and beside it where the digests it started stand.
            .views([
              S.view.form().title('Réglages'),
              S.view.component(DigestSendings).id('envois').title('Envois'),
            ]),
        ),
      S.divider(),
      S.listItem()
        .title('Réglages du site')
        .icon(CogIcon)
        .child(S.document().schemaType('siteSettings').documentId('siteSettings').title('Réglages du site')),
    ]);

/** A newsletter opens with its form and an « Envoi » view: the send's progress, live. */
export const defaultDocumentNode: DefaultDocumentNodeResolver = (S, { schemaType }) =>
  schemaType === 'newsletter'
    ? S.document().views([
        // Titled, else the form's tab says « Editor » in the French Studio.
        S.view.form().title('Rédaction'),
        S.view.component(NewsletterSending).id('envoi').title('Envoi'),
      ])
    : S.document();
