import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http2Fetch, startTestLake, type TestLake } from './contentLakeStudioSupport.ts';

/** A PNG's signature and header chunk (3×2, RGBA), then bytes a decoder would read. */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header[24] = 8;
  header[25] = 6;
  return Buffer.concat([header, Buffer.from('IDAT then the image data', 'latin1')]);
}

let test: TestLake;
beforeAll(async () => {
  test = await startTestLake();
});
afterAll(() => test?.stop());

describe('assets of the Studio endpoint', () => {
  it('stores an uploaded image, records its dimensions, and serves its bytes', async () => {
    const editor = test.client();
    const bytes = png(3, 2);
    const asset = await editor.assets.upload('image', bytes, { filename: 'affiche.png' });
    expect(asset).toMatchObject({
      _type: 'sanity.imageAsset',
      _id: expect.stringMatching(/^image-[a-f0-9]{40}-3x2-png$/),
      extension: 'png',
      mimeType: 'image/png',
      originalFilename: 'affiche.png',
      size: bytes.length,
      metadata: { dimensions: { width: 3, height: 2, aspectRatio: 1.5 }, hasAlpha: true, isOpaque: false },
    });
    expect(asset.url).toMatch(
      new RegExp(`^https://localhost:\\d+/images/essaimdemo/production/${asset.assetId}-3x2\\.png$`),
    );
    // The document is in the dataset, as the Studio's image input then reads it.
    expect(await editor.fetch('*[_id == $id][0]._id', { id: asset._id })).toBe(asset._id);
    // The same bytes again: the same asset.
    expect((await editor.assets.upload('image', bytes, { filename: 'copie.png' }))._id).toBe(asset._id);

    const { fetch, close } = http2Fetch(test.lake.certificate?.certificate ?? '');
    try {
      // The Studio's image URLs carry resizing parameters: they are ignored.
      const served = await fetch(`${asset.url}?w=300&h=200&fit=max&auto=format`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
      expect(
        (await fetch(`${test.lake.studioUrl}/images/essaimdemo/production/${'0'.repeat(40)}-3x2.png`)).status,
      ).toBe(404);
    } finally {
      close();
    }
    expect(
      readFileSync(join(test.directory, 'content-lake-assets', 'images', `${asset.assetId}-3x2.png`)),
    ).toEqual(bytes);
  });

  it('refuses what is not an image, and keeps files as files', async () => {
    const editor = test.client();
    await expect(editor.assets.upload('image', Buffer.from('not an image'))).rejects.toMatchObject({
      statusCode: 400,
    });
    const file = await editor.assets.upload('file', Buffer.from('Programme,Ville\n'), {
      filename: 'programme.csv',
      contentType: 'text/csv',
    });
    expect(file).toMatchObject({ _type: 'sanity.fileAsset', extension: 'csv', mimeType: 'text/csv' });
    expect(file.url).toMatch(/\/files\/essaimdemo\/production\/[a-f0-9]{40}\.csv$/);
  });
});

describe('a restart of the stand-in', () => {
  it('keeps drafts, published documents, assets and the certificate', async () => {
    const editor = test.client();
    const asset = await editor.assets.upload('image', png(8, 8), { filename: 'logo.png' });
    await editor.action({
      actionType: 'sanity.action.document.create',
      publishedId: 'event-new',
      attributes: { _id: 'drafts.event-new', _type: 'event', title: 'Nouvel atelier' },
      ifExists: 'fail',
    });
    await editor.action({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.event-1',
      publishedId: 'event-1',
      patch: { set: { 'venue.city': 'Vannes' } },
    });
    await editor.action({
      actionType: 'sanity.action.document.publish',
      draftId: 'drafts.event-1',
      publishedId: 'event-1',
    });
    const certificate = test.lake.certificate;

    test = await test.restart();
    const after = test.client();
    expect(await after.getDocument('drafts.event-new')).toMatchObject({ title: 'Nouvel atelier' });
    expect(await after.getDocument('event-1')).toMatchObject({ venue: { city: 'Vannes' } });
    expect(await after.getDocument(asset._id)).toMatchObject({ metadata: { dimensions: { width: 8 } } });
    expect(test.lake.certificate?.spkiFingerprint).toBe(certificate?.spkiFingerprint);
    expect(test.lake.certificate?.certificateFile).toBe(certificate?.certificateFile);
    const { fetch, close } = http2Fetch(test.lake.certificate?.certificate ?? '');
    try {
      const path = new URL(asset.url).pathname;
      const served = await fetch(`${test.lake.studioUrl}${path}`);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(png(8, 8));
    } finally {
      close();
    }
  });
});
