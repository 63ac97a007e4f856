import { useState } from 'react';
import { type DocumentActionComponent, type DocumentActionProps, useClient, useCurrentUser } from 'sanity';
import { frenchRegions } from '../../functions/programme/vocabulary.ts';

const refusedMessage =
  'Demande refusée : il faut le rôle Éditeur du projet pour générer le programme papier.';

const notPublishedMessage = 'Publiez d’abord la campagne : le programme papier reprend sa version publiée.';

const regionsByName = [...frenchRegions].sort((a, b) => a.name.localeCompare(b.name, 'fr'));

/**
 * Publishes a small request document (the editor's own permissions decide); the backend makes
 * the PDF from the programme as it stood at the campaign's deadline (its snapshot), or as it
 * stands now before it, and lists it on the campaign.
 */
function usePrintRequest(props: DocumentActionProps) {
  const client = useClient({ apiVersion: '2025-02-19' });
  const user = useCurrentUser();
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'refused'>('idle');
  const request = async (region: string | null) => {
    setState('sending');
    try {
      await client.create({
        _id: `printedProgrammeRequest-${crypto.randomUUID()}`,
        _type: 'printedProgrammeRequest',
        campaign: { _type: 'reference', _ref: props.id, _weak: true },
        ...(region ? { region } : {}),
        requestedBy: user?.name ?? user?.id ?? 'inconnu',
        requestedAt: new Date().toISOString(),
      });
      setState('sent');
    } catch {
      setState('refused');
    }
  };
  const refused =
    state === 'refused'
      ? { dialog: { type: 'popover' as const, content: refusedMessage, onClose: props.onComplete } }
      : {};
  return { state, request, refused, notPublished: props.published ? undefined : notPublishedMessage };
}

/** « Générer le programme papier »: the national booklet, in one click. */
export const generatePrintedProgrammeAction: DocumentActionComponent = (props) => {
  const { state, request, refused, notPublished } = usePrintRequest(props);
  return {
    label: state === 'sent' ? 'Programme papier demandé' : 'Générer le programme papier',
    title:
      notPublished ??
      'Un PDF prêt à imprimer des manifestations publiées et ouvertes à tous à la date limite ; il apparaît dans le champ « Programme papier » en moins d’une minute.',
    disabled: Boolean(notPublished) || state === 'sending',
    onHandle: () => void request(null),
    ...refused,
  };
};

/** « Programme papier d’une région… »: the same booklet for one region, for a chamber that prints its own. */
export const generateRegionalProgrammeAction: DocumentActionComponent = (props) => {
  const { state, request, refused, notPublished } = usePrintRequest(props);
  const [open, setOpen] = useState(false);
  const [region, setRegion] = useState<string>(regionsByName[0]?.code ?? '');
  return {
    label: state === 'sent' ? 'Programme régional demandé' : 'Programme papier d’une région…',
    title:
      notPublished ??
      'Le même programme papier, pour les seules manifestations d’une région : pour une chambre qui imprime le sien.',
    disabled: Boolean(notPublished) || state === 'sending',
    onHandle: () => setOpen(true),
    ...(open
      ? {
          dialog: {
            type: 'dialog' as const,
            header: 'Programme papier d’une région',
            onClose: () => setOpen(false),
            content: (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  setOpen(false);
                  void request(region);
                }}
                style={{ display: 'grid', gap: '0.75rem', padding: '0.5rem 0' }}
              >
                <label htmlFor="essaim-printed-programme-region">Région</label>
                <select
                  id="essaim-printed-programme-region"
                  value={region}
                  onChange={(event) => setRegion(event.currentTarget.value)}
                >
                  {regionsByName.map(({ code, name }) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
                </select>
                <button type="submit">Générer le programme de cette région</button>
              </form>
            ),
          },
        }
      : refused),
  };
};
