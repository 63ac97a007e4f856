import { callApi, type EssaimConfig } from './api.ts';
import type { Commune } from './submissionFormHtml.ts';

/**
 * The communes of a postcode for the submission form (`GET /communes?codePostal=`), each
 * postcode asked once per page; none for an unknown postcode or when the API cannot answer.
 */
export function communesLookup(config: EssaimConfig): (postcode: string) => Promise<Commune[]> {
  const asked = new Map<string, Promise<Commune[]>>();
  return (postcode) => {
    if (!/^\d{5}$/.test(postcode)) return Promise.resolve([]);
    let found = asked.get(postcode);
    if (!found) {
      found = callApi<Commune[]>(config, `/communes?codePostal=${postcode}`).then((answer) =>
        answer.ok ? answer.body : [],
      );
      asked.set(postcode, found);
    }
    return found;
  };
}

/** The commune list's options (a postcode's one commune chosen for the organiser). */
export function showCommuneChoices(select: HTMLSelectElement, communes: readonly Commune[]): void {
  const placeholder = communes.length > 0 ? 'Choisissez la commune' : 'Saisissez d’abord le code postal';
  select.replaceChildren(
    new Option(placeholder, ''),
    ...communes.map((commune) => new Option(commune.name, commune.code)),
  );
  if (communes.length === 1) select.value = communes[0]?.code ?? '';
}

/** What a screen reader hears once the communes of a postcode are in the list. */
export const communesFoundText = (communes: readonly Commune[]): string =>
  communes.length === 0
    ? 'Aucune commune ne porte ce code postal.'
    : communes.length === 1
      ? `Commune : ${communes[0]?.name}.`
      : `${communes.length} communes portent ce code postal : choisissez la vôtre dans la liste.`;
