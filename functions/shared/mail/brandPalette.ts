/**
 * The colours of a mail, from the brand colour editors set in the Studio's site settings:
 * checked as a hex colour (it goes into CSS and attributes), with text that reads on it.
 */
export const DEFAULT_BRAND_COLOUR = '#1d4e89';
export const TEXT_COLOUR = '#1f2933';

/** The brand colour, the text colour that reads on it, and a link colour that reads on white. */
export function palette(colourSetting: string | null | undefined) {
  const colour = brandColour(colourSetting);
  const onColour = readableTextOn(colour);
  // A near-white brand colour would make buttons vanish on the white card: they take the default.
  const buttonColour = luminanceOf(colour) > 0.8 ? DEFAULT_BRAND_COLOUR : colour;
  return {
    colour,
    onColour,
    buttonColour,
    onButtonColour: readableTextOn(buttonColour),
    linkColour: onColour === '#ffffff' ? colour : DEFAULT_BRAND_COLOUR,
  };
}
export type Palette = ReturnType<typeof palette>;

/** The brand colour goes into CSS and attributes: only a hex colour is let through, as #rrggbb. */
function brandColour(colour: string | null | undefined): string {
  if (!colour || !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour)) return DEFAULT_BRAND_COLOUR;
  const hex = colour.toLowerCase();
  return hex.length === 4 ? hex.replace(/[0-9a-f]/g, (digit) => digit + digit) : hex;
}

/** White or dark text, whichever contrasts more with the colour (WCAG relative luminance). */
function readableTextOn(hex: string): string {
  return luminanceOf(hex) > 0.179 ? TEXT_COLOUR : '#ffffff';
}

/** WCAG relative luminance of a #rrggbb colour: 0 black, 1 white. */
function luminanceOf(hex: string): number {
  const weights = [0.2126, 0.7152, 0.0722];
  return weights.reduce((sum, weight, i) => {
    const channel = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return sum + weight * (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  }, 0);
}
