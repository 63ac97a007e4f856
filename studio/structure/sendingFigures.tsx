import { Card, Stack, Text } from '@sanity/ui';
import type { SendingProgress } from '../actions/sendingProgress.ts';

const number = new Intl.NumberFormat('fr-FR');
export const sendingDateTime = new Intl.DateTimeFormat('fr-FR', {
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

/** A send's figures, as the backend counts them (a newsletter's or a digest's): counts only. */
export function SendingFigures({ progress }: { progress: SendingProgress }) {
  return (
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
  );
}

/** When the send was due, began and ended, in Paris time; only the moments it has. */
export function SendingDates({ progress }: { progress: SendingProgress }) {
  const when = (label: string, iso?: string) =>
    iso ? (
      <Text size={1}>
        {label} : {sendingDateTime.format(new Date(iso))}
      </Text>
    ) : null;
  return (
    <>
      {when('Programmé pour', progress.sendAt)}
      {when('Commencé', progress.startedAt)}
      {when('Terminé', progress.finishedAt)}
    </>
  );
}
