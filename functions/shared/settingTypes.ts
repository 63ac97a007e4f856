/**
 * The types settings are read as (`settings.ts`), without zod: every function reads its settings
 * at its first request, and zod (30 KiB and its schemas built at import) served only the few
 * functions that validate a request. Each type has zod's `safeParse` shape, which
 * `infra/settings.ts` uses to check CDK context values at synth time.
 */
export interface SettingType<T> {
  safeParse(text: string): { readonly success: true; readonly data: T } | { readonly success: false };
}

/** A type from a reading that answers the value, or `undefined` for a text that is not valid. */
export function settingType<T>(read: (text: string) => T | undefined): SettingType<T> {
  return {
    safeParse: (text) => {
      const data = typeof text === 'string' ? read(text) : undefined;
      return data === undefined ? { success: false } : { success: true, data };
    },
  };
}

/** Any text at least `min` long (and matching `pattern`). */
export const textType = (options: { min?: number; pattern?: RegExp } = {}) =>
  settingType((text) =>
    text.length >= (options.min ?? 0) && (!options.pattern || options.pattern.test(text)) ? text : undefined,
  );

/** Trimmed text, `null` when empty; `valid` judges the rest. */
export const optionalTextType = (valid: (text: string) => boolean = () => true) =>
  settingType((text) => {
    const trimmed = text.trim();
    if (!trimmed) return null;
    return valid(trimmed) ? trimmed : undefined;
  });

/** A number (`Number` of the text, as zod's `coerce`), within bounds, whole when asked. */
export const numberType = (options: { min?: number; max?: number; integer?: boolean; positive?: boolean }) =>
  settingType((text) => {
    const value = Number(text);
    if (Number.isNaN(value)) return undefined;
    if (options.integer && !Number.isSafeInteger(value)) return undefined;
    if (options.positive && !(value > 0)) return undefined;
    if (options.min !== undefined && value < options.min) return undefined;
    if (options.max !== undefined && value > options.max) return undefined;
    return value;
  });

/** zod 4's e-mail pattern (`z.email()`), so that an address valid before is valid still. */
const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const isEmailAddress = (text: string): boolean => emailPattern.test(text);
export const emailType = settingType((text) => (isEmailAddress(text) ? text : undefined));

/** An absolute URL that `valid` accepts, trimmed and without tab or line break (as zod's `z.url()`). */
export const urlType = (valid: (url: string) => boolean) =>
  settingType((text) => {
    const url = text.trim().replace(/[\t\n\r]/g, '');
    return URL.canParse(url) && valid(url) ? url : undefined;
  });

/** JSON text read by `read`, which answers the value or `undefined`. */
export function readJson<T>(text: string, read: (json: unknown) => T | undefined): T | undefined {
  try {
    return read(JSON.parse(text));
  } catch {
    return undefined;
  }
}
export const jsonType = <T>(read: (json: unknown) => T | undefined) =>
  settingType((text) => readJson(text, read));

/** zod 4's date-time with an offset (`z.iso.datetime({ offset: true })`): seconds required, fraction free. */
const isoDateTime = new RegExp(
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))' +
    'T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
);
export const isIsoDateTime = (text: string): boolean => isoDateTime.test(text);
