import type { AccessibilityFeature } from './programmeContent.ts';
import { typstString } from './typstText.ts';

/**
 * The accessibility pictograms of the booklet: small SVG drawings (white on the booklet's accent,
 * as the French pictograms are white on their square), embedded in the Typst source, so nothing
 * depends on a symbol font. Each is 24 × 24; the contents page explains them.
 */
const white = 'fill="none" stroke="#fff" stroke-linecap="round" stroke-linejoin="round"';
const wheelchair = `<circle cx="11" cy="4.6" r="2" fill="#fff"/>
<path d="M10 7.6v6h6l2.4 4.8" ${white} stroke-width="2"/>
<path d="M10 10.6h5" ${white} stroke-width="1.8"/>
<path d="M7.6 11.6a5 5 0 1 0 7.4 5.6" ${white} stroke-width="1.8"/>`;
const ear = `<path d="M7 9a5 5 0 0 1 10 0c0 3-3 4-3 6.5a3 3 0 0 1-5.5 1.7" ${white} stroke-width="2"/>
<path d="M10 9.5a2 2 0 0 1 4 0c0 1.2-1.2 1.6-1.6 2.5" ${white} stroke-width="1.6"/>`;
const head = `<path d="M8.5 21v-3.6c-2.2-1.2-3.6-3.5-3.6-6.1A6.6 6.6 0 0 1 11.6 4.6c3.4 0 6.1 2.4 6.5 5.7l1.7 3.2h-1.7v2.6c0 1-.8 1.8-1.8 1.8h-1.9V21z" fill="#fff"/>`;

const drawings: Record<AccessibilityFeature, string> = {
  motor: wheelchair,
  visual: `<path d="M2.6 12c2.5-4.6 5.6-6.6 9.4-6.6s6.9 2 9.4 6.6c-2.5 4.6-5.6 6.6-9.4 6.6S5.1 16.6 2.6 12z" ${white} stroke-width="1.8"/>
<circle cx="12" cy="12" r="3.3" fill="#fff"/>`,
  hearing: ear,
  mental: `${head}<path d="M9.2 10.6q2.4 2.6 4.8 0" fill="none" stroke="#6b2458" stroke-width="1.5" stroke-linecap="round"/>`,
  psychic: `${head}<path d="M11.6 14.2l-2.6-2.5a1.55 1.55 0 0 1 2.6-1.8 1.55 1.55 0 0 1 2.6 1.8z" fill="#6b2458"/>`,
  wheelchair: `<g transform="translate(1.5 -0.6) scale(0.86)">${wheelchair}</g>
<path d="M2.5 21.6L21.5 17.4" ${white} stroke-width="1.6"/>`,
  hearingLoop: `<g transform="translate(-2.5 0)">${ear}</g>
<path d="M15.6 14.4h5.4M18.3 14.4v6.4" ${white} stroke-width="1.9"/>`,
  signLanguage: `<path d="M4.5 21v-4.8L3 12.6M6.4 15.2V7.2M8.6 15V6M10.8 15.6V8M4.5 21h4.6l2.2-5.4" ${white} stroke-width="1.5"/>
<path d="M19.5 21v-4.8l1.5-3.6M17.6 15.2V7.2M15.4 15V6M13.2 15.6V8M19.5 21h-4.6l-2.2-5.4" ${white} stroke-width="1.5"/>`,
};

const svg = (feature: AccessibilityFeature) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="3.5" fill="#6b2458"/>${drawings[feature]}</svg>`;

/** What each pictogram says: its alternative text, and its line in the legend. */
export const accessibilityLabels: Record<AccessibilityFeature, { short: string; legend: string }> = {
  motor: { short: 'Handicap moteur', legend: 'Accessible en situation de handicap moteur' },
  visual: { short: 'Handicap visuel', legend: 'Accessible en situation de handicap visuel' },
  hearing: { short: 'Handicap auditif', legend: 'Accessible en situation de handicap auditif' },
  mental: { short: 'Handicap mental', legend: 'Accessible en situation de handicap mental' },
  psychic: { short: 'Handicap psychique', legend: 'Accessible en situation de handicap psychique' },
  wheelchair: { short: 'Accès fauteuil', legend: 'Accès en fauteuil roulant' },
  hearingLoop: { short: 'Boucle magnétique', legend: 'Boucle magnétique pour les personnes appareillées' },
  signLanguage: { short: 'LSF', legend: 'Interprétation en langue des signes française (LSF)' },
};

const features = Object.keys(drawings) as AccessibilityFeature[];

/**
 * The Typst definitions: `picto(key)`, one pictogram in the line of text (its alternative text
 * for readers of the PDF), and `pictogram-legend`, every pictogram with its meaning.
 */
export const pictogramDefinitions = `
#let pictograms = (
${features.map((feature) => `  ${feature}: (svg: ${typstString(svg(feature))}, alt: ${typstString(accessibilityLabels[feature].short)}),`).join('\n')}
)
#let picto(key, size: 1.45em) = box(baseline: 22%,
  image(bytes(pictograms.at(key).svg), format: "svg", height: size, alt: pictograms.at(key).alt))
#let pictogram-legend = {
  text(weight: "bold", fill: accent, "Accessibilité")
  v(0.2em)
  grid(columns: (auto, 1fr), column-gutter: 0.6em, row-gutter: 0.35em, align: horizon,
${features.map((feature) => `    picto(${typstString(feature)}, size: 1.8em), ${typstString(accessibilityLabels[feature].legend)},`).join('\n')}
  )
}
`;
