import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type ContentLakeDocuments, revision, type SanityDocument } from '../contentLakeDocuments.ts';
import { BadRequest, NotFound } from './http.ts';
import { imageFacts } from './imageSize.ts';

export interface UploadRequest {
  readonly kind: 'images' | 'files';
  readonly bytes: Buffer;
  readonly contentType: string | undefined;
  readonly search: URLSearchParams;
  readonly identity: string;
  /** Where the stand-in is reached from (the asset's `url`). */
  readonly publicUrl: string;
}

const fileTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Uploaded images and files: bytes kept under `directory` (in memory when there is none),
 * named as the Content Lake's CDN names them (`<sha1>-<width>x<height>.<ext>` for images,
 * `<sha1>.<ext>` for files), and an asset document (`sanity.imageAsset`, `sanity.fileAsset`)
 * created in the dataset, so listeners and queries see it like any other.
 */
export class AssetStore {
  readonly #directory: string | undefined;
  readonly #inMemory = new Map<string, Buffer>();
  readonly documents: ContentLakeDocuments;
  readonly identifiers: { projectId: string; dataset: string };

  constructor(
    documents: ContentLakeDocuments,
    identifiers: { projectId: string; dataset: string },
    directory?: string,
  ) {
    this.documents = documents;
    this.identifiers = identifiers;
    this.#directory = directory;
    if (directory) mkdirSync(directory, { recursive: true });
  }

  /** `POST /assets/images/:dataset` and `/assets/files/:dataset`: answers `{ document }`. */
  async upload(request: UploadRequest): Promise<SanityDocument> {
    if (request.bytes.length === 0) throw new BadRequest('The upload is empty');
    const sha1 = createHash('sha1').update(request.bytes).digest('hex');
    const { projectId, dataset } = this.identifiers;
    const filename = request.search.get('filename') ?? undefined;
    let id: string;
    let fileName: string;
    let fields: Record<string, unknown>;
    if (request.kind === 'images') {
      const image = imageFacts(request.bytes);
      if (!image) throw new BadRequest('Invalid image: PNG, JPEG, GIF, WebP or SVG expected', 'invalidImage');
      const size = `${image.width}x${image.height}`;
      id = `image-${sha1}-${size}-${image.extension}`;
      fileName = `${sha1}-${size}.${image.extension}`;
      fields = {
        _type: 'sanity.imageAsset',
        extension: image.extension,
        mimeType: image.mimeType,
        metadata: {
          _type: 'sanity.imageMetadata',
          dimensions: {
            _type: 'sanity.imageDimensions',
            width: image.width,
            height: image.height,
            aspectRatio: image.width / image.height,
          },
          hasAlpha: image.hasAlpha,
          isOpaque: !image.hasAlpha,
        },
      };
    } else {
      const extension =
        (extname(filename ?? '').slice(1) || 'bin').toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
      id = `file-${sha1}-${extension}`;
      fileName = `${sha1}.${extension}`;
      fields = {
        _type: 'sanity.fileAsset',
        extension,
        mimeType: request.contentType ?? fileTypes[extension] ?? 'application/octet-stream',
      };
    }
    const existing = this.documents.get(id);
    if (existing) return existing;
    await this.#store(request.kind, fileName, request.bytes);
    const path = `${request.kind}/${projectId}/${dataset}/${fileName}`;
    const document = {
      ...fields,
      _id: id,
      assetId: sha1,
      sha1hash: sha1,
      size: request.bytes.length,
      originalFilename: filename,
      path,
      url: `${request.publicUrl}/${path}`,
      uploadId: randomUUID().replaceAll('-', ''),
      ...(request.search.get('label') ? { label: request.search.get('label') } : {}),
      ...(request.search.get('title') ? { title: request.search.get('title') } : {}),
      ...(request.search.get('description') ? { description: request.search.get('description') } : {}),
      ...(request.search.get('creditLine') ? { creditLine: request.search.get('creditLine') } : {}),
    } as unknown as SanityDocument;
    await this.documents.apply([{ createIfNotExists: document }], revision(), { identity: request.identity });
    return this.documents.get(id) ?? document;
  }

  /** `GET /images/:project/:dataset/:file` and `/files/…`: the bytes, whatever the `?w=…` asked. */
  async read(kind: 'images' | 'files', fileName: string): Promise<{ bytes: Buffer; contentType: string }> {
    if (!/^[a-f0-9]{40}(-\d+x\d+)?\.[a-z0-9]+$/.test(fileName)) throw new NotFound(`No asset ${fileName}`);
    const extension = fileName.split('.').pop() as string;
    const contentType = fileTypes[extension] ?? 'application/octet-stream';
    const kept = this.#inMemory.get(`${kind}/${fileName}`);
    if (kept) return { bytes: kept, contentType };
    const file = this.#directory && join(this.#directory, kind, fileName);
    if (!file || !existsSync(file)) throw new NotFound(`No asset ${fileName}`);
    return { bytes: await readFile(file), contentType };
  }

  async #store(kind: string, fileName: string, bytes: Buffer): Promise<void> {
    if (!this.#directory) {
      this.#inMemory.set(`${kind}/${fileName}`, bytes);
      return;
    }
    const folder = join(this.#directory, kind);
    mkdirSync(folder, { recursive: true });
    const temporary = join(folder, `.${fileName}.${process.pid}.tmp`);
    await writeFile(temporary, bytes);
    await rename(temporary, join(folder, fileName));
  }
}
