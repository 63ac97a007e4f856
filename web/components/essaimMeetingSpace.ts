import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import { callApi, type EssaimConfig, type Problem } from './api.ts';
import { EssaimElement } from './essaimElement.ts';
import { frenchDate } from './frenchDates.ts';

interface Profile {
  readonly id: string;
  readonly name: string;
  readonly organisation: string;
  readonly offer: string;
}

interface MeetingSpace {
  readonly event: {
    readonly title: string;
    readonly place: string;
    readonly sides: Record<'a' | 'b', { readonly label: string }>;
    readonly slots: readonly { readonly startsAt: string }[];
    readonly wishesDeadline: string;
    readonly wishesOpen: boolean;
  };
  readonly participant: {
    readonly side: 'a' | 'b';
    readonly name: string;
    readonly availableSlots: readonly string[];
  };
  readonly others: readonly Profile[];
  readonly wishes: readonly string[];
  readonly schedule:
    | readonly { time: string; table: number; status: string; mutual: boolean; with: Profile | null }[]
    | null;
}

const deadlineText = (iso: string) =>
  `${frenchDate(iso)} à ${new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))}`;

/**
 * `<essaim-meeting-space>`: the page the business meetings' mails open (`rencontre-espace.html?jeton=…`):
 * the participant's registration, the other side's profiles to rank until the deadline, then
 * their schedule.
 */
export class EssaimMeetingSpace extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    if (!token)
      return this.showProblem({
        status: 400,
        title: 'Lien incomplet',
        detail: 'Ouvrez en entier le lien reçu par e-mail après votre inscription à la rencontre.',
      });
    const path = `/meeting-participants/${encodeURIComponent(token)}`;
    const answer = await callApi<MeetingSpace>(config, path);
    if (!answer.ok) return this.showProblem(answer.problem);
    const space = answer.body;
    const level = this.headingLevel();
    const heading = (text: string) => `<h${level}>${escapeHtml(text)}</h${level}>`;
    const named = new Map(space.others.map((other) => [other.id, other]));
    const who = (profile: Profile | null | undefined) =>
      profile ? `${escapeHtml(profile.name)} (${escapeHtml(profile.organisation)})` : 'un participant retiré';

    const scheduleHtml = space.schedule
      ? `${heading('Votre planning')}${
          space.schedule.length === 0
            ? '<p>Aucun rendez-vous ne vous a été attribué.</p>'
            : `<table class="essaim-table"><thead><tr><th scope="col">Heure</th><th scope="col">Table</th><th scope="col">Avec</th></tr></thead><tbody>${space.schedule
                .map(
                  (meeting) =>
                    `<tr${meeting.status === 'cancelled' ? ' class="essaim-cancelled"' : ''}><td>${escapeHtml(meeting.time)}</td><td>${meeting.table}</td><td>${who(meeting.with)}${meeting.status === 'cancelled' ? ' — annulé' : ''}</td></tr>`,
                )
                .join('')}</tbody></table>`
        }`
      : '';
    const rankedHtml = `<ol>${space.wishes.map((id) => `<li>${who(named.get(id))}</li>`).join('')}</ol>`;
    const formHtml = `<form class="essaim-form" novalidate data-essaim-form="meeting-wishes">
<p>Donnez un rang (1 pour la personne que vous souhaitez le plus rencontrer) à celles que vous voulez voir ; laissez vide pour les autres.</p>
${space.others
  .map((other, index) => {
    const id = `${this.idPrefix}-rang-${index}`;
    const rank = space.wishes.indexOf(other.id) + 1;
    return `<div class="essaim-field"><label for="${id}">Rang pour ${who(other)}</label>
<p class="essaim-hint" id="${id}-offre">${escapeHtml(other.offer)}</p>
<input id="${id}" name="${escapeHtml(other.id)}" type="number" min="1" max="20" inputmode="numeric" aria-describedby="${id}-offre" value="${rank > 0 ? rank : ''}"></div>`;
  })
  .join('\n')}
<p class="essaim-actions"><button type="submit">Enregistrer mes souhaits</button></p>
</form>`;
    const draw = (notice = '') => {
      this.innerHTML = `${heading(space.event.title)}
<p>${escapeHtml(space.participant.name)}, groupe « ${escapeHtml(space.event.sides[space.participant.side].label)} » — ${escapeHtml(space.event.place)}, ${escapeHtml(frenchDate(space.event.slots[0]?.startsAt ?? space.event.wishesDeadline))}. Disponible à : ${escapeHtml(space.participant.availableSlots.join(', '))}.</p>
${scheduleHtml}
${heading('Vos souhaits de rendez-vous')}${notice}
${
  space.event.wishesOpen
    ? `<p>Jusqu’au ${escapeHtml(deadlineText(space.event.wishesDeadline))}.</p>${space.others.length === 0 ? '<p>Personne n’est encore inscrit dans l’autre groupe : revenez plus tard.</p>' : formHtml}`
    : `<p>La date limite est passée : vos souhaits ne changent plus.</p>${rankedHtml}`
}`;
      this.querySelector('form')?.addEventListener('submit', (submitEvent) => {
        submitEvent.preventDefault();
        void save(submitEvent.target as HTMLFormElement);
      });
    };
    const save = async (form: HTMLFormElement) => {
      const ranks = [...form.querySelectorAll<HTMLInputElement>('input[type="number"]')]
        .map((input, order) => ({ id: input.name, rank: Number(input.value), order }))
        .filter(({ rank }) => rank > 0)
        .sort((x, y) => x.rank - y.rank || x.order - y.order);
      const saved = await callApi<{ wishes: string[] }>(config, `${path}/wishes`, {
        method: 'PUT',
        body: { wishes: ranks.map(({ id }) => id) },
      });
      if (saved.ok) (space as { wishes: readonly string[] }).wishes = saved.body.wishes;
      draw(
        saved.ok
          ? '<p class="essaim-notice essaim-notice-success" role="status" tabindex="-1">Vos souhaits sont enregistrés.</p>'
          : `<div class="essaim-notice essaim-notice-error" role="alert" tabindex="-1"><p>${escapeHtml(problemText(saved.problem))}</p></div>`,
      );
      this.querySelector<HTMLElement>('.essaim-notice')?.focus();
    };
    draw();
  }
}

const problemText = (problem: Problem): string =>
  [problem.detail, ...(problem.errors ?? []).map((error) => error.detail)].join(' ');
