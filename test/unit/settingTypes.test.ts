import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isMailableUrl } from '../../functions/shared/mail/mailableUrl.ts';
import {
  emailType,
  isIsoDateTime,
  numberType,
  optionalTextType,
  urlType,
} from '../../functions/shared/settingTypes.ts';

/** Settings were read with zod: the same texts must read to the same values (or fail alike). */
const sameAsZod = <T>(
  ours: { safeParse(text: string): { success: boolean; data?: T } },
  zod: z.ZodMiniType<T>,
  texts: readonly string[],
) => {
  for (const text of texts) {
    const expected = z.safeParse(zod, text);
    const actual = ours.safeParse(text);
    expect({ text, success: actual.success, data: actual.data }).toEqual({
      text,
      success: expected.success,
      data: expected.data,
    });
  }
};

describe('setting types without zod', () => {
  it('read numbers, addresses, URLs, texts and date-times as zod 4 did', () => {
    const numbers = ['12', ' 12 ', '0', '-3', '1e3', '1.5', '', 'abc', 'Infinity', '9007199254740993'];
    sameAsZod(
      numberType({ integer: true, positive: true }),
      z.coerce.number().check(z.int(), z.positive()),
      numbers,
    );
    sameAsZod(numberType({ min: 0, max: 1 }), z.coerce.number().check(z.minimum(0), z.maximum(1)), [
      ...numbers,
      '0.2',
      '1',
      '1.01',
    ]);
    const addresses = [
      'a@b.fr',
      'prenom.nom@exemple.fr',
      '.a@b.fr',
      'a..b@c.fr',
      "o'neil@x.io",
      'a@b',
      ' a@b.fr',
    ];
    sameAsZod(emailType, z.email(), addresses);
    const urls = [
      'https://www.cress.example',
      ' https://www.cress.example/ ',
      'https://exemple.fr/a\tb',
      'http://localhost:8080',
      'http://cress.example',
      'https://',
      'not a url',
    ];
    sameAsZod(urlType(isMailableUrl), z.url().check(z.refine(isMailableUrl)), urls);
    sameAsZod(
      optionalTextType(),
      z.pipe(
        z.string(),
        z.transform((text: string) => text.trim() || null),
      ),
      ['', '  ', ' local-1 ', 'x'],
    );
    for (const text of [
      '2027-11-14T18:00:00Z',
      '2028-02-29T00:00:00.5+01:00',
      '2027-02-29T00:00:00Z',
      '2027-11-14',
    ])
      expect(isIsoDateTime(text), text).toBe(z.iso.datetime({ offset: true }).safeParse(text).success);
  });
});
