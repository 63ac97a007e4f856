import type { EssaimConfig } from './api.ts';
import { EssaimElement } from './essaimElement.ts';

/**
 * `<essaim-submission>`: organisers propose an event to a campaign's programme. Attributes:
 * `campaign` (its slug; the page's `?campagne=` wins), the campaign's window to show it and
 * say when proposals are not open (`campaign-title`, `starts-on`, `ends-on`, `opens-at`,
 * `closes-at`), `token` (else the page's `?jeton=`: the organiser's signed link, which loads
 * the submission and saves edits with `PUT`), `heading-level` (of the error summary), `api`.
 * The form and its behaviour are a chunk loaded here (`submissionFormController.ts`).
 */
export class EssaimSubmission extends EssaimElement {
  protected async start(config: EssaimConfig): Promise<void> {
    const { SubmissionFormController } = await import('./submissionFormController.ts');
    await new SubmissionFormController(
      {
        element: this,
        idPrefix: this.idPrefix,
        headingLevel: this.headingLevel(),
        fromPageAddress: (name) => this.fromPageAddress(name),
        showProblem: (problem) => this.showProblem(problem),
      },
      config,
    ).start();
  }
}
