/** What the Content Lake records of an uploaded image, read from its header (no decoding). */
export interface ImageFacts {
  readonly extension: 'png' | 'jpg' | 'gif' | 'webp' | 'svg';
  readonly mimeType: string;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
}

/** The facts of a PNG, JPEG, GIF, WebP or SVG image; undefined for anything else. */
export function imageFacts(bytes: Buffer): ImageFacts | undefined {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes) ?? svg(bytes);
}

function png(bytes: Buffer): ImageFacts | undefined {
  if (
    bytes.length < 26 ||
    bytes.readUInt32BE(0) !== 0x89504e47 ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  )
    return undefined;
  const colourType = bytes[25];
  // Alpha: a colour type with an alpha channel, or a transparency chunk before the image data.
  const header = bytes.subarray(0, Math.min(bytes.length, 65_536)).toString('latin1');
  const transparency = header.indexOf('tRNS') >= 0 && header.indexOf('tRNS') < header.indexOf('IDAT');
  return {
    extension: 'png',
    mimeType: 'image/png',
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    hasAlpha: colourType === 4 || colourType === 6 || transparency,
  };
}

function jpeg(bytes: Buffer): ImageFacts | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // Start-of-frame markers (C0–CF except DHT C4, JPG C8, DAC CC) carry the dimensions.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return {
        extension: 'jpg',
        mimeType: 'image/jpeg',
        height: bytes.readUInt16BE(offset + 5),
        width: bytes.readUInt16BE(offset + 7),
        hasAlpha: false,
      };
    offset += 2 + length;
  }
  return undefined;
}

function gif(bytes: Buffer): ImageFacts | undefined {
  if (bytes.length < 10 || bytes.toString('latin1', 0, 4) !== 'GIF8') return undefined;
  return {
    extension: 'gif',
    mimeType: 'image/gif',
    width: bytes.readUInt16LE(6),
    height: bytes.readUInt16LE(8),
    hasAlpha: true,
  };
}

function webp(bytes: Buffer): ImageFacts | undefined {
  if (
    bytes.length < 30 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WEBP'
  )
    return undefined;
  const chunk = bytes.toString('latin1', 12, 16);
  const facts = { extension: 'webp' as const, mimeType: 'image/webp' };
  if (chunk === 'VP8X')
    return {
      ...facts,
      width: 1 + bytes.readUIntLE(24, 3),
      height: 1 + bytes.readUIntLE(27, 3),
      hasAlpha: ((bytes[20] as number) & 0x10) !== 0,
    };
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return {
      ...facts,
      width: 1 + (bits & 0x3fff),
      height: 1 + ((bits >> 14) & 0x3fff),
      hasAlpha: ((bits >> 28) & 1) === 1,
    };
  }
  if (chunk === 'VP8 ')
    return {
      ...facts,
      width: bytes.readUInt16LE(26) & 0x3fff,
      height: bytes.readUInt16LE(28) & 0x3fff,
      hasAlpha: false,
    };
  return undefined;
}

function svg(bytes: Buffer): ImageFacts | undefined {
  const text = bytes.subarray(0, 4096).toString('utf8');
  const tag = text.match(/<svg\b[^>]*>/i)?.[0];
  if (!tag) return undefined;
  const attribute = (name: string) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
  const viewBox = attribute('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = Number.parseFloat(attribute('width') ?? '') || viewBox?.[2] || 100;
  const height = Number.parseFloat(attribute('height') ?? '') || viewBox?.[3] || 100;
  return {
    extension: 'svg',
    mimeType: 'image/svg+xml',
    width: Math.round(width),
    height: Math.round(height),
    hasAlpha: true,
  };
}
