import { useState } from 'react';
import { type DocumentActionComponent, useClient, useCurrentUser } from 'sanity';

const refusedMessage =
  'Demande refusée : il faut le rôle Éditeur du projet pour générer le programme papier.';

/**
 * « Générer le programme papier »: publishes a small request document (the editor's own
 * permissions decide); the backend makes the PDF from the published events as they stood at the
 * campaign's deadline (or as they stand now, before it) and shows it on the campaign.
 */
export const generatePrintedProgrammeAction: DocumentActionComponent = (props) => {
  const client = useClient({ apiVersion: '2025-02-19' });
  const user = useCurrentUser();
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'refused'>('idle');
  const request = async () => {
    setState('sending');
    try {
      await client.create({
        _id: `printedProgrammeRequest-${crypto.randomUUID()}`,
        _type: 'printedProgrammeRequest',
        campaign: { _type: 'reference', _ref: props.id, _weak: true },
        requestedBy: user?.name ?? user?.id ?? 'inconnu',
        requestedAt: new Date().toISOString(),
      });
      setState('sent');
    } catch {
      setState('refused');
    }
  };
  const notPublished = props.published
    ? undefined
    : 'Publiez d’abord la campagne : le programme papier reprend sa version publiée.';
  return {
    label: state === 'sent' ? 'Programme papier demandé' : 'Générer le programme papier',
    title:
      notPublished ??
      'Un PDF prêt à imprimer des manifestations publiées et ouvertes à tous à la date limite ; il apparaît dans le champ « Programme papier » en moins d’une minute.',
    disabled: Boolean(notPublished) || state === 'sending',
    onHandle: () => void request(),
    ...(state === 'refused'
      ? { dialog: { type: 'popover' as const, content: refusedMessage, onClose: props.onComplete } }
      : {}),
  };
};
