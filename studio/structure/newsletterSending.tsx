import { Box, Card, Flex, Heading, Spinner, Stack, Text } from '@sanity/ui';
import { sendingStateTitles, useSendingProgress } from '../actions/sendingProgress.ts';

const number = new Intl.NumberFormat('fr-FR');
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card padding={3} radius={2} border>
      <Stack gap={2}>
        <Text size={1} muted>
          {label}
        </Text>
        <Text size={3} weight="semibold" data-testid={testId}>
          {number.format(value)}
        </Text>
      </Stack>
    </Card>
  );
}

/**
 * The « Envoi » view beside a newsletter: where its send stands, refreshed live from the
 * figures the backend keeps (counts only, never an address). Nothing is written into the
 * newsletter itself.
 */
export function NewsletterSending({ documentId }: { documentId: string }) {
  const progress = useSendingProgress(documentId);
  if (progress === undefined)
    return (
      <Flex padding={5} justify="center">
        <Spinner muted />
      </Flex>
    );
  if (progress === null)
    return (
      <Box padding={4}>
        <Text size={1} muted>
          Cette lettre n’a pas encore été envoyée. « Envoyer un test » l’adresse aux listes de test ; «
          Envoyer » ou « Programmer » la fait partir vers son public.
        </Text>
      </Box>
    );
  const when = (label: string, iso?: string) =>
    iso ? (
      <Text size={1}>
        {label} : {dateTime.format(new Date(iso))}
      </Text>
    ) : null;
  return (
    <Box padding={4} style={{ maxWidth: 720 }}>
      <Stack gap={4}>
        <Heading as="h2" size={2}>
          Diffusion <span data-testid="sending-state">{sendingStateTitles[progress.state]}</span>
        </Heading>
        {progress.pauseReason ? (
          <Card padding={3} tone="caution" radius={2}>
            <Text size={1}>{progress.pauseReason}</Text>
          </Card>
        ) : null}
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr))',
            gap: '0.75rem',
          }}
        >
          <Figure label="Public" value={progress.audienceSize} testId="sending-audience" />
          <Figure label="Envoyés" value={progress.sent} testId="sending-sent" />
          <Figure label="Restants" value={progress.remaining} testId="sending-remaining" />
          <Figure label="Échecs" value={progress.failed} testId="sending-failed" />
          <Figure label="Adresses bloquées" value={progress.suppressed} testId="sending-suppressed" />
          <Figure label="Désabonnés depuis" value={progress.unsubscribed} testId="sending-unsubscribed" />
          <Figure label="Incertains" value={progress.uncertain} testId="sending-uncertain" />
        </div>
        <Stack gap={2}>
          {when('Programmé pour', progress.sendAt)}
          {when('Commencé', progress.startedAt)}
          {when('Terminé', progress.finishedAt)}
          <Text size={0} muted>
            Mis à jour le {dateTime.format(new Date(progress.updatedAt))}. « Incertains » : un envoi
            interrompu ne dit pas si ces personnes ont reçu la lettre ; elles ne la recevront à nouveau que
            sur votre décision.
          </Text>
        </Stack>
      </Stack>
    </Box>
  );
}
