/**
 * Writes `web/map/regionShapes.ts`: small SVG outlines of the 18 French regions (13 metropolitan,
 * 5 overseas in insets), keyed by INSEE region code, for the visitor programme's map.
 *
 *   node_modules/.bin/node web/map/generateRegionShapes.ts
 *
 * Source (see `web/map/SOURCES.md`): IGN ADMIN EXPRESS COG 2018 (Licence Ouverte, Etalab) as
 * converted to GeoJSON by github.com/gregoiredavid/france-geojson, copied unmodified into
 * `web/map/source/`.
 *
 * Steps, per group (metropolitan France, then each overseas region on its own):
 * 1. a TopoJSON topology of the group (topojson-server), so that a border shared by two regions
 *    is one arc;
 * 2. a Visvalingam simplification of the arcs (topojson-simplify), the weight of a point being
 *    the area in square map units of its triangle once projected, so one threshold means the
 *    same visual detail everywhere; both neighbours keep the same points of a shared border;
 * 3. the projection (d3-geo): a Lambert-93-like conic conformal projection for metropolitan
 *    France, a Mercator projection fitted into its inset box for each overseas region;
 * 4. islets and holes below an area threshold dropped, coordinates rounded, SVG path data written
 *    with the shortest of absolute and relative commands, and a label point (pole of
 *    inaccessibility) in the largest polygon of each region.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type GeoProjection, geoArea, geoConicConformal, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';

const here = import.meta.dirname;
const sourceDir = join(here, 'source');
const outputFile = join(here, 'regionShapes.ts');

/** Where the source files come from (recorded in the generated file). */
const provenance = {
  repository: 'https://github.com/gregoiredavid/france-geojson',
  commit: '5d34ee6d0140c29f785fdb047d9329f1aab58833',
  producer: 'IGN – ADMIN EXPRESS COG, édition 2018 (codes et noms : INSEE, COG 2018)',
  licence: 'Licence Ouverte / Open Licence (Etalab)',
};

/** Metropolitan regions: one file, already simplified by its author (5 %, Visvalingam weighted). */
const metropolitanSource = 'regions-version-simplifiee.geojson';
/** Overseas regions: one file each (25 % simplification), in inset order. */
const overseasSources = [
  { code: '01', file: 'region-guadeloupe.geojson' },
  { code: '02', file: 'region-martinique.geojson' },
  { code: '03', file: 'region-guyane.geojson' },
  { code: '04', file: 'region-la-reunion.geojson' },
  { code: '06', file: 'region-mayotte.geojson' },
] as const;

/** Names as shown to visitors (typographic apostrophe), checked against the source's names. */
const regionNames: Readonly<Record<string, string>> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': 'Provence-Alpes-Côte d’Azur',
  '94': 'Corse',
};

// Layout, in map units (the viewBox): a column of five insets on the left, metropolitan France
// on the right, both as tall as the metropolitan map.
const margin = 2;
const insetWidth = 92;
const insetGap = 8;
const insetPadding = 6;
const metropolitanLeft = margin + insetWidth + 20;
const viewWidth = 600;
const metropolitanWidth = viewWidth - margin - metropolitanLeft;

/** Visvalingam threshold: triangle area, in square map units, below which a point goes. */
const minTriangleArea = 0.3;
/** Metropolitan islets (and the matching holes) smaller than this, in square map units, go. */
const minMetropolitanIslandArea = 6;
/**
 * Overseas islets smaller than this share of the region's largest island go before the inset is
 * fitted (Guadeloupe keeps Basse-Terre, Grande-Terre, Marie-Galante and La Désirade).
 */
const minOverseasIslandShare = 0.01;
/** Coordinates are rounded to 1 / precision map unit: whole units in metropolitan France, tenths in insets. */
const metropolitanPrecision = 1;
const overseasPrecision = 10;

type RegionFeature = Feature<Polygon | MultiPolygon, { code: string; nom: string }>;
type Point = [number, number];
type Ring = Point[];

interface Inset {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Shape {
  readonly code: string;
  readonly name: string;
  readonly path: string;
  readonly overseas: boolean;
  readonly labelX: number;
  readonly labelY: number;
  readonly inset?: Inset;
  readonly pointCount: number;
}

/** The polygons of an overseas region at least `minOverseasIslandShare` of its largest one. */
const mainIslands = (region: RegionFeature): RegionFeature => {
  const geometry = region.geometry;
  if (geometry.type === 'Polygon') return region;
  const areas = geometry.coordinates.map((polygon) => geoArea({ type: 'Polygon', coordinates: polygon }));
  const largest = Math.max(...areas);
  const coordinates = geometry.coordinates.filter(
    (_, i) => (areas[i] as number) >= largest * minOverseasIslandShare,
  );
  return { ...region, geometry: { type: 'MultiPolygon', coordinates } };
};

const readJson = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(join(sourceDir, file), 'utf8'));

const checkName = (region: RegionFeature): string => {
  const { code, nom } = region.properties;
  const name = regionNames[code];
  if (name === undefined) throw new Error(`Unknown region code ${code} (${nom})`);
  if (name.replaceAll('’', "'") !== nom)
    throw new Error(`Region ${code}: source name ${nom}, expected ${name}`);
  return name;
};

const signedArea = (ring: readonly Point[]): number => {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
};

const project = (projection: GeoProjection, position: Position): Point => {
  const point = projection([position[0] as number, position[1] as number]);
  if (point === null) throw new Error(`Position ${position.join(',')} cannot be projected`);
  return point;
};

const round = (value: number, precision: number): number => Math.round(value * precision) / precision;
/** Arithmetic on rounded coordinates (at most one decimal) without floating-point noise. */
const clean = (value: number): number => round(value, 10);

/** Drops a point that lies on the straight line between its neighbours (rounding makes many). */
const dropCollinearPoints = (ring: Ring): Ring => {
  const points = [...ring];
  for (let i = 0; points.length > 3 && i < points.length; ) {
    const [ax, ay] = points[(i + points.length - 1) % points.length] as Point;
    const [bx, by] = points[i] as Point;
    const [cx, cy] = points[(i + 1) % points.length] as Point;
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    const dot = (bx - ax) * (cx - bx) + (by - ay) * (cy - by);
    if (Math.abs(cross) < 1e-9 && dot > 0) points.splice(i, 1);
    else i++;
  }
  return points;
};

/**
 * Simplifies one group of regions that share a projection: topology, presimplification weighted
 * by projected triangle areas, simplification. Returns the simplified features, in lon/lat.
 */
const simplifyGroup = (regions: readonly RegionFeature[], projection: GeoProjection): RegionFeature[] => {
  const collection: FeatureCollection = { type: 'FeatureCollection', features: [...regions] };
  const topo = topology({ regions: collection }, 1e6) as Topology<Objects>;
  const weighted = presimplify(topo, (triangle) => {
    const [a, b, c] = triangle.map((position) => project(projection, position));
    return Math.abs(signedArea([a as Point, b as Point, c as Point]));
  });
  const simplified = simplify(weighted, minTriangleArea);
  const regionsObject = simplified.objects.regions as GeometryCollection<{ code: string; nom: string }>;
  return feature(simplified, regionsObject).features as RegionFeature[];
};

/** Projects and rounds a ring, dropping repeated points and the closing point. */
const projectRing = (projection: GeoProjection, ring: readonly Position[], precision: number): Ring => {
  const points: Ring = [];
  for (const position of ring) {
    const [x, y] = project(projection, position);
    const point: Point = [round(x, precision), round(y, precision)];
    const last = points.at(-1);
    if (last === undefined || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
  }
  const first = points[0];
  const last = points.at(-1);
  if (
    first !== undefined &&
    last !== undefined &&
    points.length > 1 &&
    first[0] === last[0] &&
    first[1] === last[1]
  )
    points.pop();
  return dropCollinearPoints(points);
};

/**
 * The region's polygons, projected: rings that collapsed or are smaller than `minArea` dropped;
 * outer rings clockwise on screen, holes anticlockwise, so the default non-zero fill rule shows
 * the holes.
 */
const projectRegion = (
  region: RegionFeature,
  projection: GeoProjection,
  minArea: number,
  precision: number,
): Ring[][] => {
  const geometry = region.geometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const result: Ring[][] = [];
  for (const polygon of polygons) {
    const rings = polygon
      .map((ring) => projectRing(projection, ring, precision))
      .filter((ring) => ring.length >= 3 && Math.abs(signedArea(ring)) >= minArea);
    const [outer, ...holes] = rings;
    // Holes are smaller than their outer ring: when it went, they went too.
    if (outer === undefined) continue;
    if (signedArea(outer) < 0) outer.reverse();
    for (const hole of holes) if (signedArea(hole) > 0) hole.reverse();
    result.push([outer, ...holes]);
  }
  return result;
};

// SVG path data ---------------------------------------------------------------------------------

const formatNumber = (value: number): string => String(clean(value));

/** Numbers of a command, separated by a space unless the next one starts with its minus sign. */
const joinNumbers = (numbers: readonly number[]): string =>
  numbers
    .map(formatNumber)
    .reduce(
      (text, number) => (text === '' || number.startsWith('-') ? text + number : `${text} ${number}`),
      '',
    );

/** Path data for polygons: for every point, the shortest of L/l/H/h/V/v, repeated commands implied. */
const pathData = (polygons: readonly Ring[][]): string => {
  let data = '';
  let previousCommand = '';
  let current: Point = [0, 0];
  let subpathStart: Point = [0, 0];
  // The command letter can be left out when it repeats (after M, pairs are implicit L; after m, l).
  const implicit = (command: string): boolean =>
    command === previousCommand ||
    (command === 'L' && previousCommand === 'M') ||
    (command === 'l' && previousCommand === 'm');
  const encode = (command: string, numbers: readonly number[]): string => {
    const text = joinNumbers(numbers);
    if (!implicit(command)) return command + text;
    return text.startsWith('-') ? text : ` ${text}`;
  };
  const emit = (command: string, numbers: readonly number[]): void => {
    data += encode(command, numbers);
    if (!implicit(command)) previousCommand = command;
  };
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const [start, ...rest] = ring as [Point, ...Point[]];
      const absolute = `M${joinNumbers(start)}`;
      const relative = `m${joinNumbers([start[0] - subpathStart[0], start[1] - subpathStart[1]])}`;
      if (data !== '' && relative.length < absolute.length)
        emit('m', [start[0] - subpathStart[0], start[1] - subpathStart[1]]);
      else emit('M', start);
      current = start;
      subpathStart = start;
      for (const point of rest) {
        const dx = clean(point[0] - current[0]);
        const dy = clean(point[1] - current[1]);
        const candidates: [string, number[]][] =
          dx === 0
            ? [
                ['v', [dy]],
                ['V', [point[1]]],
              ]
            : dy === 0
              ? [
                  ['h', [dx]],
                  ['H', [point[0]]],
                ]
              : [
                  ['l', [dx, dy]],
                  ['L', [point[0], point[1]]],
                ];
        const cost = ([command, numbers]: [string, number[]]): number => encode(command, numbers).length;
        const best = candidates.reduce((a, b) => (cost(b) < cost(a) ? b : a));
        emit(best[0], best[1]);
        current = point;
      }
      data += 'z';
      previousCommand = 'z';
      current = subpathStart;
    }
  }
  return data;
};

// Label point: pole of inaccessibility (after Mapbox's polylabel, ISC) --------------------------

const pointToSegmentDistanceSquared = (p: Point, a: Point, b: Point): number => {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
};

/** Distance from the point to the polygon's outline, positive inside, negative outside. */
const signedDistance = (p: Point, polygon: readonly Ring[]): number => {
  let inside = false;
  let minDistanceSquared = Number.POSITIVE_INFINITY;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i] as Point;
      const b = ring[j] as Point;
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0])
        inside = !inside;
      minDistanceSquared = Math.min(minDistanceSquared, pointToSegmentDistanceSquared(p, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minDistanceSquared);
};

const poleOfInaccessibility = (polygon: readonly Ring[], tolerance = 0.25): Point => {
  const outer = polygon[0] as Ring;
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  interface Cell {
    readonly x: number;
    readonly y: number;
    readonly half: number;
    readonly distance: number;
    readonly max: number;
  }
  const cell = (x: number, y: number, half: number): Cell => {
    const distance = signedDistance([x, y], polygon);
    return { x, y, half, distance, max: distance + half * Math.SQRT2 };
  };
  const size = Math.min(maxX - minX, maxY - minY);
  if (size === 0) return [minX, minY];
  const queue: Cell[] = [];
  for (let x = minX; x < maxX; x += size)
    for (let y = minY; y < maxY; y += size) queue.push(cell(x + size / 2, y + size / 2, size / 2));
  let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0);
  while (queue.length > 0) {
    queue.sort((a, b) => a.max - b.max);
    const next = queue.pop() as Cell;
    if (next.distance > best.distance) best = next;
    if (next.max - best.distance <= tolerance) continue;
    const half = next.half / 2;
    queue.push(
      cell(next.x - half, next.y - half, half),
      cell(next.x + half, next.y - half, half),
      cell(next.x - half, next.y + half, half),
      cell(next.x + half, next.y + half, half),
    );
  }
  return [best.x, best.y];
};

const labelPoint = (polygons: readonly Ring[][], precision: number): Point => {
  const largest = polygons.reduce((a, b) =>
    Math.abs(signedArea(b[0] as Ring)) > Math.abs(signedArea(a[0] as Ring)) ? b : a,
  );
  const [x, y] = poleOfInaccessibility(largest);
  return [round(x, precision), round(y, precision)];
};

const shape = (region: RegionFeature, polygons: readonly Ring[][], inset: Inset | undefined): Shape => {
  const [labelX, labelY] = labelPoint(
    polygons,
    inset === undefined ? metropolitanPrecision : overseasPrecision,
  );
  return {
    code: region.properties.code,
    name: checkName(region),
    path: pathData(polygons),
    overseas: inset !== undefined,
    labelX,
    labelY,
    ...(inset === undefined ? {} : { inset }),
    pointCount: polygons.flat().reduce((sum, ring) => sum + ring.length, 0),
  };
};

// Main ------------------------------------------------------------------------------------------

const metropolitan = (await readJson(metropolitanSource)) as FeatureCollection<
  Polygon | MultiPolygon,
  { code: string; nom: string }
>;
const metropolitanProjection = geoConicConformal()
  .parallels([44, 49])
  .rotate([-3, 0])
  .fitWidth(metropolitanWidth, metropolitan);
const [[left, top], [, bottom]] = geoPath(metropolitanProjection).bounds(metropolitan);
const [tx, ty] = metropolitanProjection.translate();
metropolitanProjection.translate([tx - left + metropolitanLeft, ty - top + margin]);
const metropolitanHeight = bottom - top;
const viewHeight = Math.ceil(metropolitanHeight + 2 * margin);

const shapes: Shape[] = [];
for (const region of simplifyGroup(metropolitan.features as RegionFeature[], metropolitanProjection))
  shapes.push(
    shape(
      region,
      projectRegion(region, metropolitanProjection, minMetropolitanIslandArea, metropolitanPrecision),
      undefined,
    ),
  );

const insetHeight = Math.floor(
  (viewHeight - 2 * margin - insetGap * (overseasSources.length - 1)) / overseasSources.length,
);
for (const [index, { code, file }] of overseasSources.entries()) {
  const region = mainIslands((await readJson(file)) as RegionFeature);
  if (region.properties.code !== code)
    throw new Error(`${file}: code ${region.properties.code}, expected ${code}`);
  const inset: Inset = {
    x: margin,
    y: margin + index * (insetHeight + insetGap),
    width: insetWidth,
    height: insetHeight,
  };
  const projection = geoMercator().fitExtent(
    [
      [inset.x + insetPadding, inset.y + insetPadding],
      [inset.x + inset.width - insetPadding, inset.y + inset.height - insetPadding],
    ],
    region,
  );
  const [simplified] = simplifyGroup([region], projection);
  if (simplified === undefined) throw new Error(`${file}: nothing left after simplification`);
  // Only rings that collapsed when rounded go now (the islets went before fitting).
  shapes.push(shape(simplified, projectRegion(simplified, projection, 0.5, overseasPrecision), inset));
}
shapes.sort((a, b) => a.code.localeCompare(b.code));

const viewBox = `0 0 ${viewWidth} ${viewHeight}`;
const attribution =
  'Contours des régions : IGN – ADMIN EXPRESS COG 2018, Licence Ouverte (Etalab), simplifiés ' +
  '(via github.com/gregoiredavid/france-geojson)';

const quote = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const entries = shapes.map((s) => {
  const lines = [
    `  {`,
    `    code: ${quote(s.code)},`,
    `    name: ${quote(s.name)},`,
    `    overseas: ${s.overseas},`,
    `    labelX: ${s.labelX},`,
    `    labelY: ${s.labelY},`,
  ];
  if (s.inset !== undefined) {
    const { x, y, width, height } = s.inset;
    lines.push(`    inset: { x: ${x}, y: ${y}, width: ${width}, height: ${height} },`);
  }
  lines.push(`    path: ${quote(s.path)},`, `  },`);
  return lines.join('\n');
});

const output = `// Generated by web/map/generateRegionShapes.ts — do not edit by hand; change the generator and run
//   node_modules/.bin/node web/map/generateRegionShapes.ts
//
// Outlines of the French regions, simplified for a small map (SVG path data in the viewBox below).
// Source: ${provenance.producer}, ${provenance.licence}.
// Via ${provenance.repository} at commit ${provenance.commit},
// files ${metropolitanSource} and regions/<région>/region-<région>.geojson (copies in web/map/source/,
// see web/map/SOURCES.md). Modified: topology-preserving simplification, islets dropped, projected
// (metropolitan France: conic conformal, parallels 44° and 49°, central meridian 3° E; overseas
// regions: Mercator, each in its own inset).

export interface RegionShape {
  /** INSEE region code ('01' Guadeloupe … '94' Corse). */
  readonly code: string;
  /** French name, as shown to visitors. */
  readonly name: string;
  /** SVG path data (M/m, L/l, H/h, V/v, Z/z), in the coordinates of \`mapViewBox\`. */
  readonly path: string;
  /** One of the five overseas regions, drawn in an inset. */
  readonly overseas: boolean;
  /** Where to put the count label: */
  readonly labelX: number;
  readonly labelY: number;
  /** For overseas insets: the inset box, to draw a frame. */
  readonly inset?: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

export const mapViewBox: string = ${quote(viewBox)};

export const mapAttribution: string =
  ${quote(attribution)};

export const regionShapes: readonly RegionShape[] = [
${entries.join('\n')}
];
`;

writeFileSync(outputFile, output);
const gzipSize = gzipSync(output, { level: 9 }).length;
for (const s of shapes) console.log(`${s.code} ${s.name}: ${s.pointCount} points, ${s.path.length} bytes`);
console.log(`${outputFile}: ${Buffer.byteLength(output)} bytes, ${gzipSize} gzipped; viewBox ${viewBox}`);
