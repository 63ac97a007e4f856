import { Box, Card, Flex, Heading, Spinner, Stack, Text } from '@sanity/ui';
import { sendingStateTitles, useSendingProgress } from '../actions/sendingProgress.ts';
import { SendingDates, SendingFigures, sendingDateTime } from './sendingFigures.tsx';

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
        <SendingFigures progress={progress} />
        <Stack gap={2}>
          <SendingDates progress={progress} />
          <Text size={0} muted>
            Mis à jour le {sendingDateTime.format(new Date(progress.updatedAt))}. « Incertains » : un envoi
            interrompu ne dit pas si ces personnes ont reçu la lettre ; elles ne la recevront à nouveau que
            sur votre décision.
          </Text>
        </Stack>
      </Stack>
    </Box>
  );
}
