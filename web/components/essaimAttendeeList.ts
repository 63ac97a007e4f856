import { escapeHtml } from '../../functions/shared/forms/formMarkup.ts';
import type { EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';

/**
 * `<essaim-attendee-list>`: the page the attendee-list mail opens
 * (`liste-des-inscrits.html?manifestation=…&jeton=…`): a button that downloads the CSV.
 */
export class EssaimAttendeeList extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const slug = this.getAttribute('slug') || this.fromPageAddress('manifestation');
    const token = this.getAttribute('token') || this.fromPageAddress('jeton');
    if (!slug || !token) {
      return this.showProblem({
        status: 400,
        title: 'Lien incomplet',
        detail:
          'Ouvrez le lien reçu par e-mail en entier, ou demandez un nouveau lien depuis la page de la manifestation.',
      });
    }
    const csv = `${config.apiUrl}/events/${encodeURIComponent(slug)}/attendees.csv?token=${encodeURIComponent(token)}`;
    this.innerHTML = `<div class="essaim-attendees">
<p>La liste des personnes inscrites (et en liste d’attente) à cette manifestation, au format CSV, s’ouvre dans un tableur (séparateur point-virgule, encodage UTF-8).</p>
<p class="essaim-actions"><a class="essaim-button" href="${escapeHtml(csv)}" download>Télécharger la liste des inscrits (.csv)</a></p>
<p class="essaim-hint">Le lien reçu est valable 24 heures. Ces données personnelles sont confiées à l’organisateur pour cette seule manifestation : ne les conservez pas au-delà.</p>
</div>`;
  }
}
