import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mapAttribution, mapViewBox, regionShapes } from '../../web/map/regionShapes.ts';

const overseasCodes = ['01', '02', '03', '04', '06'];
const metropolitanCodes = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];

const [viewX, viewY, viewWidth, viewHeight] = mapViewBox.split(' ').map(Number) as [
  number,
  number,
  number,
  number,
];

type Point = readonly [number, number];

/** The path's rings in absolute coordinates; throws on anything but M/m L/l H/h V/v Z/z and numbers. */
const parsePath = (path: string): Point[][] => {
  const tokens = path.match(/[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  expect(tokens.join('').length).toBe(path.replaceAll(/[\s,]/g, '').length);
  const rings: Point[][] = [];
  let ring: Point[] = [];
  let command = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let index = 0;
  const number = (): number => {
    const token = tokens[index++];
    if (token === undefined || !/\d/.test(token)) throw new Error(`Number expected at token ${index - 1}`);
    return Number(token);
  };
  while (index < tokens.length) {
    const token = tokens[index] as string;
    if (/[A-Za-z]/.test(token)) {
      command = token;
      index++;
      if (command === 'z' || command === 'Z') {
        rings.push(ring);
        ring = [];
        x = startX;
        y = startY;
        continue;
      }
    } else if (command === '' || command === 'z' || command === 'Z')
      throw new Error('Number without command');
    switch (command) {
      case 'M':
      case 'm': {
        const [dx, dy] = [number(), number()];
        if (ring.length > 0) rings.push(ring);
        x = command === 'M' ? dx : x + dx;
        y = command === 'M' ? dy : y + dy;
        [startX, startY] = [x, y];
        ring = [[x, y]];
        command = command === 'M' ? 'L' : 'l';
        break;
      }
      case 'L':
        [x, y] = [number(), number()];
        ring.push([x, y]);
        break;
      case 'l':
        x += number();
        y += number();
        ring.push([x, y]);
        break;
      case 'H':
        x = number();
        ring.push([x, y]);
        break;
      case 'h':
        x += number();
        ring.push([x, y]);
        break;
      case 'V':
        y = number();
        ring.push([x, y]);
        break;
      case 'v':
        y += number();
        ring.push([x, y]);
        break;
      default:
        throw new Error(`Unexpected command ${command}`);
    }
  }
  if (ring.length > 0) rings.push(ring);
  return rings;
};

/** Even-odd point in polygon over all the rings (islands and holes). */
const inside = ([px, py]: Point, rings: readonly Point[][]): boolean => {
  let result = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Point;
      const [xj, yj] = ring[j] as Point;
      if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) result = !result;
    }
  return result;
};

const withinViewBox = (x: number, y: number): boolean =>
  x >= viewX && x <= viewX + viewWidth && y >= viewY && y <= viewY + viewHeight;

describe('region shapes', () => {
  it('has the 18 regions, once each, with their French names', () => {
    expect(regionShapes.map((shape) => shape.code).sort()).toEqual([...overseasCodes, ...metropolitanCodes]);
    const names = Object.fromEntries(regionShapes.map((shape) => [shape.code, shape.name]));
    expect(names['11']).toBe('Île-de-France');
    expect(names['04']).toBe('La Réunion');
    expect(names['93']).toBe('Provence-Alpes-Côte d’Azur');
  });

  it('has a viewBox and an attribution to IGN under the Licence Ouverte', () => {
    expect(mapViewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(mapAttribution).toContain('IGN');
    expect(mapAttribution).toContain('Licence Ouverte');
  });

  it.each(regionShapes.map((shape) => [shape.code, shape] as const))(
    '%s: a path of closed rings inside the viewBox, the label inside the region',
    (_, shape) => {
      expect(shape.path).toMatch(/^[MmLlHhVvZz0-9 .,-]+$/);
      const rings = parsePath(shape.path);
      expect(rings.length).toBeGreaterThan(0);
      expect(shape.path.match(/[Zz]/g)?.length).toBe(rings.length);
      for (const ring of rings) {
        expect(ring.length).toBeGreaterThanOrEqual(3);
        for (const [x, y] of ring) expect(withinViewBox(x, y)).toBe(true);
      }
      expect(withinViewBox(shape.labelX, shape.labelY)).toBe(true);
      expect(inside([shape.labelX, shape.labelY], rings)).toBe(true);
    },
  );

  it('puts exactly the five overseas regions in insets, inside the viewBox and holding their shape', () => {
    expect(
      regionShapes
        .filter((shape) => shape.overseas)
        .map((shape) => shape.code)
        .sort(),
    ).toEqual(overseasCodes);
    for (const shape of regionShapes) {
      if (!shape.overseas) {
        expect(shape.inset).toBeUndefined();
        continue;
      }
      const inset = shape.inset;
      if (inset === undefined) throw new Error(`${shape.code} has no inset`);
      expect(withinViewBox(inset.x, inset.y)).toBe(true);
      expect(withinViewBox(inset.x + inset.width, inset.y + inset.height)).toBe(true);
      for (const [x, y] of parsePath(shape.path).flat()) {
        expect(x).toBeGreaterThanOrEqual(inset.x);
        expect(x).toBeLessThanOrEqual(inset.x + inset.width);
        expect(y).toBeGreaterThanOrEqual(inset.y);
        expect(y).toBeLessThanOrEqual(inset.y + inset.height);
      }
    }
  });

  it('keeps the insets apart from each other and from metropolitan France', () => {
    const insets = regionShapes.flatMap((shape) => (shape.inset === undefined ? [] : [shape.inset]));
    const inInset = (x: number, y: number): number =>
      insets.filter(
        (inset) => x >= inset.x && x <= inset.x + inset.width && y >= inset.y && y <= inset.y + inset.height,
      ).length;
    for (const inset of insets) {
      expect(inInset(inset.x, inset.y)).toBe(1);
      expect(inInset(inset.x + inset.width, inset.y + inset.height)).toBe(1);
    }
    for (const shape of regionShapes.filter((region) => !region.overseas))
      for (const [x, y] of parsePath(shape.path).flat()) expect(inInset(x, y)).toBe(0);
  });

  it('stays within its size budget: 40 000 bytes, 15 000 gzipped', () => {
    const file = readFileSync(new URL('../../web/map/regionShapes.ts', import.meta.url));
    expect(file.length).toBeLessThan(40_000);
    expect(gzipSync(file, { level: 9 }).length).toBeLessThan(15_000);
  });
});
