import { applyPatch } from 'mendoza';
import { describe, expect, it } from 'vitest';
import { imageFacts } from '../../infra/local/contentLake/imageSize.ts';
import { mendozaEffects } from '../../infra/local/contentLake/mendoza.ts';
import { perspectiveDocuments } from '../../infra/local/contentLake/perspective.ts';

/** A deterministic generator of small JSON documents (a linear congruential sequence). */
function documents(seed: number) {
  let state = seed;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % limit;
  };
  const value = (depth: number): unknown => {
    switch (next(depth > 2 ? 4 : 6)) {
      case 0:
        return next(100);
      case 1:
        return ['a', 'é', '😀', ''][next(4)];
      case 2:
        return next(2) === 0;
      case 3:
        return null;
      case 4:
        return Array.from({ length: next(3) }, () => value(depth + 1));
      default:
        return object(depth + 1);
    }
  };
  const object = (depth: number) =>
    Object.fromEntries(Array.from({ length: next(5) }, () => [`f${next(6)}`, value(depth)]));
  return () => ({ _id: 'x', _type: 'event', ...object(0) });
}

describe('the mendoza encoder of listener effects', () => {
  it('makes patches the mendoza decoder applies both ways, for any pair of documents', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const generate = documents(seed);
      const [before, after] = [generate(), generate()];
      const effects = mendozaEffects(before, after);
      expect(applyPatch(structuredClone(before), effects.apply as never)).toEqual(after);
      expect(applyPatch(structuredClone(after), effects.revert as never)).toEqual(before);
    }
  });

  it('says a creation and a deletion, and changes only what changed', () => {
    const doc = { _id: 'x', _type: 'event', title: 'Atelier', venue: { city: 'Rennes', street: '1 rue' } };
    expect(applyPatch(null, mendozaEffects(null, doc).apply as never)).toEqual(doc);
    expect(applyPatch(doc, mendozaEffects(doc, null).apply as never)).toBeNull();
    const moved = { ...doc, venue: { ...doc.venue, city: 'Brest' } };
    // Into `venue` (field index 3 of the sorted keys), its `city` set: nothing else is sent.
    expect(mendozaEffects(doc, moved).apply).toEqual([10, 3, 17, 'Brest', 'city', 15]);
    expect(mendozaEffects(doc, doc).apply).toEqual([]);
  });
});

describe('image headers', () => {
  it('gives the type, dimensions and transparency of PNG, JPEG, GIF, WebP and SVG', () => {
    const png = Buffer.alloc(33);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png);
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    png[25] = 2;
    expect(imageFacts(png)).toEqual({
      extension: 'png',
      mimeType: 'image/png',
      width: 640,
      height: 480,
      hasAlpha: false,
    });

    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 300 and width 400.
    const jpeg = Buffer.concat([
      Buffer.from('ffd8ffe00010', 'hex'),
      Buffer.alloc(14),
      Buffer.from('ffc0001108012c019003012200021101031101', 'hex'),
    ]);
    expect(imageFacts(jpeg)).toMatchObject({ extension: 'jpg', width: 400, height: 300, hasAlpha: false });

    const gif = Buffer.from('474946383961', 'hex');
    expect(imageFacts(Buffer.concat([gif, Buffer.from([10, 0, 20, 0])]))).toMatchObject({
      width: 10,
      height: 20,
    });

    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp[20] = 0x10;
    webp.writeUIntLE(99, 24, 3);
    webp.writeUIntLE(49, 27, 3);
    expect(imageFacts(webp)).toMatchObject({ extension: 'webp', width: 100, height: 50, hasAlpha: true });

    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"></svg>',
    );
    expect(imageFacts(svg)).toMatchObject({ extension: 'svg', width: 120, height: 60 });
    expect(imageFacts(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });
});

describe('perspectives', () => {
  const all = [
    { _id: 'a', _type: 't', v: 'published a' },
    { _id: 'drafts.a', _type: 't', v: 'draft a' },
    { _id: 'versions.rSummer.a', _type: 't', v: 'summer a' },
    { _id: 'b', _type: 't', v: 'published b' },
    { _id: 'versions.rSummer.c', _type: 't', v: 'summer c' },
  ];
  const seen = (perspective: string) =>
    perspectiveDocuments(all, perspective, '2025-02-19').map((doc) => `${doc._id}=${doc.v}`);

  it('overlays releases, then drafts, then published documents, in the order asked', () => {
    expect(seen('published')).toEqual(['a=published a', 'b=published b']);
    expect(seen('drafts')).toEqual(['a=draft a', 'b=published b']);
    expect(seen('rSummer,drafts')).toEqual(['a=summer a', 'b=published b', 'c=summer c']);
    expect(seen('raw')).toHaveLength(5);
  });
});
