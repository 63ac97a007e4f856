import { setting } from '../settings.ts';
import { escapeHtml } from './formMarkup.ts';

/**
 * A whole page the API answers a form posted without JavaScript with (the form again, with
 * its errors): the hosted pages' stylesheet, French, nothing that runs.
 */
export function formAnswerPage(options: {
  readonly title: string;
  /** Already-escaped HTML: the form, or a message. */
  readonly body: string;
  /** Where “Retour” leads (the page the form came from, when allowed). */
  readonly back?: string | undefined;
}): string {
  const pages = setting('pagesUrl').replace(/\/$/, '');
  const back = options.back
    ? `<p class="essaim-back"><a href="${escapeHtml(options.back)}">Retour à la page précédente</a></p>`
    : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} – ${escapeHtml(setting('siteName'))}</title>
<link rel="stylesheet" href="${pages}/essaim/essaim.css">
</head>
<body class="essaim-page">
<main id="contenu" class="essaim-main">
<h1>${escapeHtml(options.title)}</h1>
${options.body}
${back}
</main>
</body>
</html>
`;
}
