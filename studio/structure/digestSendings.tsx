import { Box, Button, Card, Dialog, Flex, Heading, Spinner, Stack, Text } from '@sanity/ui';
import { useEffect, useState } from 'react';
import { useClient } from 'sanity';
import { type SendingProgress, sendingStateTitles } from '../actions/sendingProgress.ts';
import { type SendAction, useSendRequest } from '../actions/sendRequest.ts';
import { followDocuments } from '../followDocuments.ts';
import { SendingDates, SendingFigures, sendingDateTime } from './sendingFigures.tsx';

/** How many sends the view lists: about three months of weekly digests. */
const shownSends = 12;

/**
 * The digests' progress documents the backend keeps (`essaim-private.newsletterSending.<send
 * id>`, `kind: "digest"`), newest period first: the period's day is the id's end
 * (`digest-weekly-2031-03-03`), so it is cut out to order weekly and monthly ones together.
 */
const digestSendingsQuery = `*[_type == "essaimNewsletterSending" && kind == "digest"]{
  ...,
  "period": array::join(string::split(newsletterId, "-")[2..4], "-")
} | order(period desc, newsletterId desc)[0...${shownSends}]`;
const digestSendingsFilter = '*[_type == "essaimNewsletterSending" && kind == "digest"]';

const periodDay = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « Résumé hebdomadaire du 3 mars 2031 », « Résumé mensuel du 1er mars 2031 », from the send id. */
function digestSendTitle(sendId: string): string {
  const match = sendId.match(/^digest-(weekly|monthly)-(\d{4}-\d{2}-\d{2})$/);
  if (!match) return `Résumé ${sendId}`;
  const day = new Date(`${match[2]}T00:00:00Z`);
  const dayOfMonth = day.getUTCDate();
  return `Résumé ${match[1] === 'weekly' ? 'hebdomadaire' : 'mensuel'} du ${dayOfMonth === 1 ? '1er' : dayOfMonth} ${periodDay.format(day)}`;
}

/**
 * The latest digest sends, live. They sit on a private path that only Studio users (with their
 * session) can read, as the subscriber counts do; `undefined` while loading.
 */
function useDigestSendings(): SendingProgress[] | undefined {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [sendings, setSendings] = useState<SendingProgress[] | undefined>(undefined);
  useEffect(() => {
    return followDocuments(
      client,
      digestSendingsFilter,
      {},
      () => client.fetch<SendingProgress[]>(digestSendingsQuery),
      setSendings,
      () => setSendings([]),
    );
  }, [client]);
  return sendings;
}

const number = new Intl.NumberFormat('fr-FR');
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The one action a send's state allows, with its button and what the dialog asks. */
function controlFor(progress: SendingProgress, title: string) {
  const digest = lowerFirst(title);
  if (progress.state === 'planning' || progress.state === 'sending')
    return {
      action: 'pause' as SendAction,
      label: 'Suspendre',
      header: 'Suspendre l’envoi',
      tone: 'caution' as const,
      question: `Suspendre l’envoi du ${digest} ? Les destinataires qui ne l’ont pas encore reçu l’attendront jusqu’à la reprise.`,
    };
  if (progress.state === 'paused')
    return {
      action: 'resume' as SendAction,
      label: 'Reprendre',
      header: 'Reprendre l’envoi',
      tone: 'primary' as const,
      question: `Reprendre l’envoi du ${digest} vers ${number.format(progress.remaining)} destinataire${progress.remaining > 1 ? 's' : ''} restant${progress.remaining > 1 ? 's' : ''} ? Vérifiez d’abord que la cause de la suspension est réglée.`,
    };
  if (progress.state === 'finished' && progress.uncertain > 0)
    return {
      action: 'resendUncertain' as SendAction,
      label: 'Renvoyer aux destinataires incertains',
      header: 'Renvoyer aux destinataires incertains',
      tone: 'critical' as const,
      question: `Renvoyer le ${digest} à ${number.format(progress.uncertain)} destinataire${progress.uncertain > 1 ? 's' : ''} incertain${progress.uncertain > 1 ? 's' : ''} ? Un envoi interrompu ne dit pas s’ils l’ont reçu : certains le recevront en double.`,
    };
  return null;
}

/** The send's button, its confirmation, then « Demande envoyée » (or why it was refused). */
function DigestSendControl({ progress, title }: { progress: SendingProgress; title: string }) {
  const { state, request } = useSendRequest({ digestSend: progress.newsletterId });
  const [confirming, setConfirming] = useState(false);
  const control = controlFor(progress, title);
  if (!control) return null;
  return (
    <Flex align="center" gap={3} wrap="wrap">
      <Button
        text={control.label}
        tone={control.tone}
        mode="ghost"
        disabled={state === 'sending' || state === 'sent'}
        onClick={() => setConfirming(true)}
      />
      {state === 'sent' ? (
        <Text size={1} muted data-testid="request-sent">
          Demande envoyée : l’état ci-dessus suivra dès qu’elle sera prise en compte.
        </Text>
      ) : null}
      {state === 'refused' ? (
        <Text size={1}>Demande refusée : il faut le rôle Éditeur du projet pour agir sur un envoi.</Text>
      ) : null}
      {confirming ? (
        <Dialog
          id={`digest-send-${progress.newsletterId}`}
          header={control.header}
          onClose={() => setConfirming(false)}
          footer={
            <Flex gap={2} justify="flex-end" padding={3}>
              <Button text="Annuler" mode="ghost" onClick={() => setConfirming(false)} />
              <Button
                text="Confirmer"
                tone={control.tone}
                onClick={() => {
                  setConfirming(false);
                  void request(control.action);
                }}
              />
            </Flex>
          }
        >
          <Box padding={4}>
            <Text size={1}>{control.question}</Text>
          </Box>
        </Dialog>
      ) : null}
    </Flex>
  );
}

function DigestSending({ progress }: { progress: SendingProgress }) {
  const title = digestSendTitle(progress.newsletterId);
  return (
    <Card as="li" padding={4} radius={2} border data-digest-send={progress.newsletterId}>
      <Stack gap={4}>
        <Stack gap={3}>
          <Heading as="h2" size={1}>
            {title}
          </Heading>
          <Text size={1}>
            Diffusion <span data-testid="sending-state">{sendingStateTitles[progress.state]}</span>
          </Text>
        </Stack>
        {progress.pauseReason ? (
          <Card padding={3} tone="caution" radius={2} data-testid="pause-reason">
            <Text size={1}>{progress.pauseReason}</Text>
          </Card>
        ) : null}
        <SendingFigures progress={progress} />
        <Stack gap={2}>
          <SendingDates progress={progress} />
          <Text size={0} muted>
            Mis à jour le {sendingDateTime.format(new Date(progress.updatedAt))}.
          </Text>
        </Stack>
        {/* A new state offers its own action afresh: an earlier « Demande envoyée » is done with. */}
        <DigestSendControl key={progress.state} progress={progress} title={title} />
      </Stack>
    </Card>
  );
}

/**
 * The « Envois » view beside « Résumés par e-mail »: where the latest digests stand, live, from
 * the figures the backend keeps (counts only, never an address), with the actions an automatic
 * pause (bounces, the 24-hour quota) calls for. Nothing is written into the settings.
 */
export function DigestSendings() {
  const sendings = useDigestSendings();
  if (sendings === undefined)
    return (
      <Flex padding={5} justify="center">
        <Spinner muted />
      </Flex>
    );
  return (
    <Box padding={4} style={{ maxWidth: 720 }}>
      <Stack gap={4}>
        <Heading as="h1" size={2}>
          Envois des résumés
        </Heading>
        {sendings.length === 0 ? (
          <Text size={1} muted data-testid="no-digest-send">
            Aucun résumé n’est encore parti. Chaque envoi apparaîtra ici dès que le calendrier en aura lancé
            un, une fois « Envoyer les résumés » activé dans l’onglet « Réglages ».
          </Text>
        ) : (
          <>
            <Text size={1} muted>
              Les {shownSends} derniers envois au plus, du plus récent au plus ancien, mis à jour en direct.
              « Incertains » : un envoi interrompu ne dit pas si ces personnes ont reçu le résumé ; elles ne
              le recevront à nouveau que sur votre décision.
            </Text>
            <Stack as="ul" gap={4} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {sendings.map((progress) => (
                <DigestSending key={progress.newsletterId} progress={progress} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Box>
  );
}
