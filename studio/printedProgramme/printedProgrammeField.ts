import { Card, Stack, Text } from '@sanity/ui';
import { createElement as h } from 'react';
import { type StringInputProps, useFormValue } from 'sanity';
import {
  type PrintedProgrammeEdition,
  type PrintedProgrammeSnapshot,
  usePrintedProgrammes,
} from './printedProgrammeEdition.ts';

// Plain `createElement` rather than JSX: schema types are also read by Node (tests, typegen).

const number = new Intl.NumberFormat('fr-FR');
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

const plural = (count: number, word: string) => `${number.format(count)} ${word}${count > 1 ? 's' : ''}`;

/** « Programme national », « Programme régional — Bretagne ». */
export const editionScope = (edition: Pick<PrintedProgrammeEdition, 'region' | 'regionName'>): string =>
  edition.region ? `Programme régional — ${edition.regionName ?? edition.region}` : 'Programme national';

/** « Généré le 11 mars 2031 à 09:00, à la date limite, d’après le programme enregistré à la date limite. » */
export function editionOrigin(edition: PrintedProgrammeEdition): string {
  const who =
    edition.trigger === 'deadline'
      ? ', à la date limite'
      : edition.requestedBy
        ? `, à la demande de ${edition.requestedBy}`
        : ', à la demande';
  const source = edition.snapshotTakenAt
    ? ', d’après le programme enregistré à la date limite'
    : ', d’après le programme en ligne à ce moment';
  return `Généré le ${dateTime.format(new Date(edition.generatedAt))}${who}${source}.`;
}

function editionCard(edition: PrintedProgrammeEdition) {
  return h(
    Card,
    { key: edition._id, padding: 3, radius: 2, border: true, tone: edition.region ? 'default' : 'positive' },
    h(
      Stack,
      { gap: 3 },
      h(
        Text,
        { size: 2, weight: 'semibold' },
        h(
          'a',
          { href: edition.fileUrl, target: '_blank', rel: 'noreferrer' },
          `${editionScope(edition)} (PDF)`,
        ),
      ),
      h(
        Text,
        { size: 1 },
        `${plural(edition.events, 'manifestation')} · ${plural(edition.pages, 'page')} · arrêté le ${day.format(new Date(`${edition.closedOn}T12:00:00Z`))}`,
      ),
      h(Text, { muted: true, size: 1 }, editionOrigin(edition)),
    ),
  );
}

const snapshotLine = (snapshot: PrintedProgrammeSnapshot) =>
  h(
    Text,
    { key: snapshot.deadline, muted: true, size: 1 },
    `Programme enregistré à la date limite (${dateTime.format(new Date(snapshot.deadline))}) : ${plural(snapshot.events, 'manifestation')}, le ${dateTime.format(new Date(snapshot.takenAt))}. Les éditions faites depuis l’impriment tel qu’il était.`,
  );

/**
 * Every printed programme the backend made for the campaign, newest first, national and per
 * region, each with its date, its figures and its download link; and the programme recorded at
 * the deadline. Shown in place of an input: the field stores nothing.
 */
export function PrintedProgrammeField(_props: StringInputProps) {
  const id = (useFormValue(['_id']) as string | undefined) ?? '';
  const programmes = usePrintedProgrammes(id);
  if (programmes === undefined) return h(Text, { muted: true, size: 1 }, 'Chargement…');
  if (programmes.editions.length === 0)
    return h(
      Card,
      { padding: 3, radius: 2, border: true },
      h(
        Text,
        { size: 1 },
        'Pas encore de programme papier : il est fait dès la date limite passée, ou à la demande avec l’action « Générer le programme papier » (ou « Programme papier d’une région… »).',
      ),
    );
  return h(
    Stack,
    { gap: 2 },
    ...programmes.snapshots.map(snapshotLine),
    h(Text, { size: 1, weight: 'semibold' }, `${plural(programmes.editions.length, 'édition')}`),
    ...programmes.editions.map(editionCard),
  );
}
