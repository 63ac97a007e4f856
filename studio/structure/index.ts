import { CogIcon } from '@sanity/icons/Cog';
import type { StructureResolver } from 'sanity/structure';

/** Editors' sidebar: the programme first, then content, with the settings as one document. */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Contenu')
    .items([
      S.documentTypeListItem('event').title('Manifestations'),
      S.documentTypeListItem('organization').title('Structures'),
      S.documentTypeListItem('campaign').title('Campagnes'),
      S.documentTypeListItem('region').title('Régions'),
      S.divider(),
      S.documentTypeListItem('article').title('Actualités'),
      S.documentTypeListItem('page').title('Pages'),
      S.documentTypeListItem('newsletter').title('Lettres d’information'),
      S.documentTypeListItem('subscriptionList').title('Listes de diffusion'),
      S.divider(),
      S.listItem()
        .title('Réglages du site')
        .icon(CogIcon)
        .child(S.document().schemaType('siteSettings').documentId('siteSettings').title('Réglages du site')),
    ]);
