import { Card, Stack, Text } from '@sanity/ui';
import { createElement as h } from 'react';
import { type StringInputProps, useFormValue } from 'sanity';
import { usePrintedProgramme } from './printedProgrammeEdition.ts';

// Plain `createElement` rather than JSX: schema types are also read by Node (tests, typegen).

const number = new Intl.NumberFormat('fr-FR');
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * The campaign's printed programme as the backend last made it: the PDF's link and its figures.
 * Shown in place of an input: the field stores nothing.
 */
export function PrintedProgrammeField(_props: StringInputProps) {
  const id = (useFormValue(['_id']) as string | undefined) ?? '';
  const edition = usePrintedProgramme(id);
  if (edition === undefined) return h(Text, { muted: true, size: 1 }, 'Chargement…');
  if (edition === null)
    return h(
      Card,
      { padding: 3, radius: 2, border: true },
      h(
        Text,
        { size: 1 },
        'Pas encore de programme papier : il est fait dès la date limite passée, ou à la demande avec l’action « Générer le programme papier ».',
      ),
    );
  const who =
    edition.trigger === 'deadline'
      ? ', à la date limite'
      : edition.requestedBy
        ? `, à la demande de ${edition.requestedBy}`
        : ', à la demande';
  return h(
    Card,
    { padding: 3, radius: 2, tone: 'positive', border: true },
    h(
      Stack,
      { gap: 3 },
      h(
        Text,
        { size: 2, weight: 'semibold' },
        h(
          'a',
          { href: edition.fileUrl, target: '_blank', rel: 'noreferrer' },
          'Télécharger le programme papier (PDF)',
        ),
      ),
      h(
        Text,
        { size: 1 },
        `${number.format(edition.events)} manifestation${edition.events > 1 ? 's' : ''} · ${number.format(edition.pages)} pages · arrêté le ${day.format(new Date(`${edition.closedOn}T12:00:00Z`))}`,
      ),
      h(Text, { muted: true, size: 1 }, `Généré le ${dateTime.format(new Date(edition.generatedAt))}${who}.`),
    ),
  );
}
