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
    readonly confirmed: boolean;
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
 * their schedule; and a way out (« Me retirer de la rencontre », after a confirmation step).
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
    this.show(config, path, answer.body);
  }

  /** Draws the space; `announce` puts a notice at the top (the address confirmed) or with the wishes. */
  private show(
    config: EssaimConfig,
    path: string,
    space: MeetingSpace,
    announce: { readonly top?: string; readonly wishes?: string } = {},
  ): void {
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
    // Until the participant confirms their address, the other side does not see their profile.
    const confirmHtml = space.participant.confirmed
      ? (announce.top ?? '')
      : `<div class="essaim-notice essaim-notice-warning"><p>Votre profil n’est pas encore visible par le groupe « ${escapeHtml(space.event.sides[space.participant.side === 'a' ? 'b' : 'a'].label)} » : confirmez d’abord que cette adresse est bien la vôtre (enregistrer vos souhaits la confirme aussi).</p>
<p class="essaim-actions"><button type="button" data-step="confirm-address">Confirmer mon adresse et afficher mon profil</button></p></div>`;
    const draw = (notice = announce.wishes ?? '') => {
      this.innerHTML = `${heading(space.event.title)}
${confirmHtml}
<p>${escapeHtml(space.participant.name)}, groupe « ${escapeHtml(space.event.sides[space.participant.side].label)} » — ${escapeHtml(space.event.place)}, ${escapeHtml(frenchDate(space.event.slots[0]?.startsAt ?? space.event.wishesDeadline))}. Disponible à : ${escapeHtml(space.participant.availableSlots.join(', '))}.</p>
${scheduleHtml}
${heading('Vos souhaits de rendez-vous')}${notice}
${
  space.event.wishesOpen
    ? `<p>Jusqu’au ${escapeHtml(deadlineText(space.event.wishesDeadline))}.</p>${space.others.length === 0 ? '<p>Personne n’est encore inscrit dans l’autre groupe : revenez plus tard.</p>' : formHtml}`
    : `<p>La date limite est passée : vos souhaits ne changent plus.</p>${rankedHtml}`
}
<div class="essaim-cancel"><p class="essaim-actions"><button type="button" class="essaim-secondary" data-step="ask">Me retirer de la rencontre…</button></p></div>`;
      this.querySelector('[data-step="ask"]')?.addEventListener('click', ask);
      this.querySelector('[data-step="confirm-address"]')?.addEventListener('click', async (click) => {
        const button = click.currentTarget as HTMLButtonElement;
        button.disabled = true;
        const confirmed = await callApi<MeetingSpace>(config, `${path}/confirmation`, { method: 'POST' });
        if (!confirmed.ok) {
          button.insertAdjacentHTML(
            'afterend',
            `<p class="essaim-error" role="alert">${escapeHtml(problemText(confirmed.problem))}</p>`,
          );
          button.disabled = false;
          return;
        }
        this.show(config, path, confirmed.body, {
          top: '<p class="essaim-notice essaim-notice-success" role="status" tabindex="-1">Merci, votre adresse est confirmée : votre profil est visible par l’autre groupe.</p>',
        });
        this.querySelector<HTMLElement>('[role="status"]')?.focus();
      });
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
      const notice = saved.ok
        ? '<p class="essaim-notice essaim-notice-success" role="status" tabindex="-1">Vos souhaits sont enregistrés.</p>'
        : `<div class="essaim-notice essaim-notice-error" role="alert" tabindex="-1"><p>${escapeHtml(problemText(saved.problem))}</p></div>`;
      if (saved.ok) (space as { wishes: readonly string[] }).wishes = saved.body.wishes;
      // Saving wishes confirmed the address too: the notice to confirm goes.
      if (saved.ok && !space.participant.confirmed)
        this.show(
          config,
          path,
          { ...space, participant: { ...space.participant, confirmed: true } },
          { wishes: notice },
        );
      else draw(notice);
      this.querySelector<HTMLElement>('[role="status"], [role="alert"]')?.focus();
    };
    // The confirmation step: nothing is withdrawn by one stray click.
    const ask = () => {
      const slot = this.querySelector('.essaim-cancel') as HTMLElement;
      const meetings = space.schedule?.filter((meeting) => meeting.status === 'scheduled').length ?? 0;
      slot.innerHTML = `<div class="essaim-confirm" role="group" aria-labelledby="${this.idPrefix}-retrait">
<p id="${this.idPrefix}-retrait"><strong>Voulez-vous vraiment vous retirer de « ${escapeHtml(space.event.title)} » ?</strong> Votre inscription sera supprimée${
        meetings > 0 ? ', vos rendez-vous annulés et les participants concernés prévenus' : ''
      } ; ce lien ne fonctionnera plus.</p>
<p class="essaim-actions"><button type="button" class="essaim-danger" data-step="withdraw">Oui, me retirer de la rencontre</button> <button type="button" class="essaim-secondary" data-step="keep">Non, rester inscrit</button></p>
</div>`;
      slot.querySelector<HTMLButtonElement>('[data-step="withdraw"]')?.focus();
      slot.querySelector('[data-step="keep"]')?.addEventListener('click', () => {
        draw();
        this.querySelector<HTMLButtonElement>('[data-step="ask"]')?.focus();
      });
      slot.querySelector('[data-step="withdraw"]')?.addEventListener('click', async (click) => {
        const button = click.currentTarget as HTMLButtonElement;
        button.disabled = true;
        const withdrawn = await callApi<{ message: string }>(config, path, { method: 'DELETE' });
        if (!withdrawn.ok) {
          slot.insertAdjacentHTML(
            'beforeend',
            `<p class="essaim-error" role="alert">${escapeHtml(problemText(withdrawn.problem))}</p>`,
          );
          button.disabled = false;
          return;
        }
        this.innerHTML = `${heading(space.event.title)}
<p class="essaim-notice essaim-notice-success" role="status" tabindex="-1">${escapeHtml(withdrawn.body.message)}</p>`;
        this.querySelector<HTMLElement>('.essaim-notice')?.focus();
      });
    };
    draw();
  }
}

const problemText = (problem: Problem): string =>
  [problem.detail, ...(problem.errors ?? []).map((error) => error.detail)].join(' ');
