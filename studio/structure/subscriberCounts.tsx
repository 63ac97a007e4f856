import { Box, Card, Flex, Heading, Spinner, Stack, Text } from '@sanity/ui';
import { useEffect, useState } from 'react';
import { useClient } from 'sanity';
import { eventThemes, frenchRegions, titleOf } from '../../functions/programme/vocabulary.ts';
import { followDocuments } from '../followDocuments.ts';

/** The private document the backend keeps (`functions/subscriptions/publishSubscriberCounts.ts`). */
const countsId = 'essaim-private.subscriberCounts';

interface CountLine {
  _key: string;
  confirmed: number;
  joined?: number;
  left?: number;
}
interface Counts {
  updatedAt: string;
  confirmed: number;
  lists: CountLine[];
  regions: CountLine[];
  themes: CountLine[];
  digests: CountLine[];
}
interface ListName {
  id: string;
  title: string;
  public: boolean | null;
}

const digestTitles: Record<string, string> = {
  weekly: 'Récapitulatif chaque semaine',
  monthly: 'Récapitulatif chaque mois',
  none: 'Sans récapitulatif',
};

const listsQuery =
  '*[_type == "subscriptionList" && !(_id in path("drafts.**"))]{ "id": slug.current, title, public }';

const number = new Intl.NumberFormat('fr-FR');
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

function CountTable({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; label: string; value: number; detail?: string }[];
}) {
  return (
    <Stack gap={3} as="section" aria-label={title}>
      <Heading as="h2" size={1}>
        {title}
      </Heading>
      {rows.length === 0 ? (
        <Text muted size={1}>
          Aucun abonné confirmé pour l’instant.
        </Text>
      ) : (
        <Stack as="ul" gap={2} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {rows.map((row) => (
            <Card
              as="li"
              key={row.key}
              padding={2}
              radius={2}
              tone="transparent"
              border
              data-count-key={row.key}
            >
              <Flex align="center" gap={3}>
                <Box flex={1}>
                  <Text size={1}>{row.label}</Text>
                  {row.detail ? (
                    <Box marginTop={2}>
                      <Text size={0} muted>
                        {row.detail}
                      </Text>
                    </Box>
                  ) : null}
                </Box>
                <Text size={2} weight="semibold">
                  {number.format(row.value)}
                </Text>
              </Flex>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * Editors' view of the subscribers: confirmed subscribers per list, region, theme and digest
 * choice, as the backend last counted them (within a minute). Counts only, never an address:
 * the document sits on a private path that readers without a Studio session cannot see.
 */
export function SubscriberCounts() {
  const client = useClient({ apiVersion: '2025-02-19' });
  const [counts, setCounts] = useState<Counts | null | undefined>(undefined);
  const [lists, setLists] = useState<ListName[]>([]);

  useEffect(() => {
    client.fetch<ListName[]>(listsQuery).then(setLists, () => undefined);
    let loaded = false;
    return followDocuments(
      client,
      '*[_id == $id]',
      { id: countsId },
      () => client.fetch<Counts | null>('*[_id == $id][0]', { id: countsId }),
      (value) => {
        loaded = true;
        setCounts(value);
      },
      // Shown as « no counts yet » only if nothing was ever loaded.
      () => {
        if (!loaded) setCounts(null);
      },
    );
  }, [client]);

  if (counts === undefined)
    return (
      <Flex padding={5} justify="center">
        <Spinner muted />
      </Flex>
    );
  const listTitle = (id: string) => lists.find((list) => list.id === id);
  const regionName = (code: string) => frenchRegions.find((region) => region.code === code)?.name ?? code;
  return (
    <Box padding={4} style={{ maxWidth: 720 }}>
      <Stack gap={5}>
        <Stack gap={3}>
          <Heading as="h1" size={2}>
            Abonnés
          </Heading>
          {counts ? (
            <>
              <Text size={2}>
                <strong data-testid="confirmed-subscribers">{number.format(counts.confirmed)}</strong> abonné
                {counts.confirmed > 1 ? 's' : ''} confirmé{counts.confirmed > 1 ? 's' : ''} au total.
              </Text>
              <Text size={1} muted>
                Chiffres mis à jour le {dateTime.format(new Date(counts.updatedAt))} (actualisés chaque
                minute). Seuls les nombres sont visibles ici : la liste des adresses s’obtient auprès du
                responsable de traitement (commande documentée dans le README).
              </Text>
            </>
          ) : (
            <Text size={1} muted>
              Aucun chiffre pour l’instant : ils apparaissent dans la minute qui suit la première confirmation
              d’abonnement.
            </Text>
          )}
        </Stack>
        {counts ? (
          <>
            <CountTable
              title="Par liste de diffusion"
              rows={counts.lists.map((line) => {
                const list = listTitle(line._key);
                return {
                  key: `list-${line._key}`,
                  label: `${list?.title ?? line._key}${list && list.public === false ? ' (non publique)' : ''}`,
                  value: line.confirmed,
                  detail: `${number.format(line.joined ?? 0)} inscription${(line.joined ?? 0) > 1 ? 's' : ''} confirmée${(line.joined ?? 0) > 1 ? 's' : ''} depuis le début, ${number.format(line.left ?? 0)} départ${(line.left ?? 0) > 1 ? 's' : ''}`,
                };
              })}
            />
            <CountTable
              title="Par région"
              rows={counts.regions.map((line) => ({
                key: `region-${line._key}`,
                label: regionName(line._key),
                value: line.confirmed,
              }))}
            />
            <CountTable
              title="Par thème"
              rows={counts.themes.map((line) => ({
                key: `theme-${line._key}`,
                label: titleOf(eventThemes, line._key),
                value: line.confirmed,
              }))}
            />
            <CountTable
              title="Par récapitulatif choisi"
              rows={counts.digests.map((line) => ({
                key: `digest-${line._key}`,
                label: digestTitles[line._key] ?? line._key,
                value: line.confirmed,
              }))}
            />
          </>
        ) : null}
      </Stack>
    </Box>
  );
}
