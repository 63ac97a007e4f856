import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

/** The font Typst sets every document in (`source-sans`'s TTF files, shipped beside the function). */
export const typstFont = 'Source Sans 3';

/**
 * Where the fonts are: beside the bundle in Lambda (`fonts/`, copied there at bundling, see
 * `infra/bundling.ts`), in `node_modules/source-sans/TTF` when the source runs as is (the local
 * stack, tests, benchmarks).
 */
export function fontDirectory(): string {
  const candidates = [
    join(import.meta.dirname, 'fonts'),
    join(import.meta.dirname, '..', '..', 'node_modules', 'source-sans', 'TTF'),
  ];
  const found = candidates.find((directory) => existsSync(directory));
  if (!found) throw new Error(`No fonts for the printed programme in ${candidates.join(' or ')}`);
  return found;
}

let compiler: Promise<NodeCompiler> | undefined;
/** Where the sources are put, in the compiler's own virtual file system (nothing is written to disk). */
const workspace = '/printed-programme';
let sources = 0;

/**
 * The Typst compiler, created once per process and only when first needed: loading the native
 * addon and its fonts takes a moment, and only the printed programme's functions load it at all
 * (the package is external to every bundle, shipped beside this function's).
 */
function typstCompiler(): Promise<NodeCompiler> {
  compiler ??= import('@myriaddreamin/typst-ts-node-compiler').then(({ NodeCompiler }) =>
    NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: [fontDirectory()] }] }),
  );
  return compiler;
}

/**
 * Runs `use` with `source` as a main file of its own on the process's compiler. Each source gets
 * a path never used before, removed afterwards: with 0.7.0, a compiler given one text after
 * another as `mainFileContent` (the same file, edited) may read a character of an earlier text
 * into a later one (its incremental reparse; the property test of `typstString` found it), while
 * a new file is always parsed whole.
 */
export async function withTypstSource<Result>(
  source: string,
  use: (typst: NodeCompiler, main: { readonly mainFilePath: string }) => Result,
): Promise<Result> {
  const typst = await typstCompiler();
  sources += 1;
  const mainFilePath = `${workspace}/source-${process.pid}-${sources}.typ`;
  typst.mapShadow(mainFilePath, Buffer.from(source, 'utf8'));
  try {
    return use(typst, { mainFilePath });
  } finally {
    typst.unmapShadow(mainFilePath);
    // Each booklet is compiled once: nothing is worth keeping in Typst's memo between two.
    typst.evictCache(0);
  }
}

/** A Typst source that did not compile; its first diagnostics, without the source. */
export class TypstCompileError extends Error {
  constructor(diagnostics: unknown) {
    super(`Typst refused the source: ${JSON.stringify(diagnostics).slice(0, 2000)}`);
    this.name = 'TypstCompileError';
  }
}

export interface CompiledPdf {
  readonly pdf: Buffer;
  readonly pages: number;
}

/** Compiles a whole Typst document (one main file, no imports) to a PDF. */
export function compilePdf(source: string): Promise<CompiledPdf> {
  return withTypstSource(source, (typst, main) => {
    const compiled = typst.compile(main);
    const document = compiled.result;
    if (!document) {
      const error = compiled.takeDiagnostics() ?? compiled.takeError();
      throw new TypstCompileError(error?.shortDiagnostics ?? 'no diagnostics');
    }
    return { pdf: typst.pdf(document), pages: document.numOfPages };
  });
}
