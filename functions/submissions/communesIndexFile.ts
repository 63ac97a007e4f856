/**
 * Where the communes index is, as a path: beside this module in the source tree (the local
 * stack runs the sources), beside the bundle's `index.mjs` in a Lambda package, where the CDK
 * stack copies it (`dataFiles` of the functions that declare it). Never imported: a bundle does
 * not carry its 1 MB, and only the first use of a container reads it.
 */
import { fileURLToPath } from 'node:url';

export const communesIndexFileName = 'communesByPostcode.json';
export const communesIndexFile = fileURLToPath(new URL(`./${communesIndexFileName}`, import.meta.url));
