import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { applyPatch } from 'mendoza';
import type { ContentLakeDocuments, Transaction } from '../contentLakeDocuments.ts';
import { type SanityDocument, withoutRev } from './applyMutation.ts';
import { type MendozaPatch, mendozaEffects } from './mendoza.ts';

/** One transaction as the history API tells it: who, when, which documents, and how (mendoza). */
export interface HistoryEntry {
  readonly id: string;
  readonly timestamp: string;
  readonly author: string;
  readonly documentIDs: readonly string[];
  readonly effects: Record<string, { apply: MendozaPatch; revert: MendozaPatch }>;
  /** Each document's revision before the transaction (absent: it did not exist). */
  readonly previousRevs: Record<string, string | undefined>;
}

/**
 * The translog of the stand-in: every transaction since the documents were first loaded
 * (appended to a file beside them), from which the Studio draws its history panel ("review
 * changes") and restores earlier revisions. Documents of the demo dataset have no history
 * before their first change here.
 */
export class TransactionLog {
  readonly #entries: HistoryEntry[] = [];
  readonly #documents: ContentLakeDocuments;
  readonly #file: string | undefined;
  #appending: Promise<void> = Promise.resolve();
  readonly #unsubscribe: () => void;

  constructor(documents: ContentLakeDocuments, file?: string) {
    this.#documents = documents;
    this.#file = file;
    if (file && existsSync(file))
      for (const line of readFileSync(file, 'utf8').split('\n'))
        if (line.trim()) this.#entries.push(JSON.parse(line));
    this.#unsubscribe = documents.subscribe((transaction) => this.#record(transaction));
  }

  /** Stops recording, once what was recorded is written. */
  async close(): Promise<void> {
    this.#unsubscribe();
    await this.#appending;
  }

  #record(transaction: Transaction): void {
    const entry: HistoryEntry = {
      id: transaction.id,
      timestamp: transaction.timestamp,
      author: transaction.identity,
      documentIDs: transaction.changes.map((change) => change.id),
      effects: Object.fromEntries(
        transaction.changes.map((change) => [
          change.id,
          mendozaEffects(
            change.before && withoutRev(change.before),
            change.after && withoutRev(change.after),
          ),
        ]),
      ),
      previousRevs: Object.fromEntries(transaction.changes.map((change) => [change.id, change.before?._rev])),
    };
    this.#entries.push(entry);
    const file = this.#file;
    if (file)
      this.#appending = this.#appending
        .then(() => appendFile(file, `${JSON.stringify(entry)}\n`))
        .catch((error: unknown) => console.error('Content Lake history:', (error as Error).message));
  }

  /**
   * `GET /data/history/:dataset/transactions/:ids`: the transactions touching these documents,
   * from `fromTransaction` to `toTransaction` (both included), oldest first unless `reverse`,
   * at most `limit`; effects of the named documents only with `includeIdentifiedDocumentsOnly`.
   */
  transactions(ids: readonly string[], search: URLSearchParams): HistoryEntry[] {
    const touching = this.#entries.filter((entry) => entry.documentIDs.some((id) => ids.includes(id)));
    const from = touching.findIndex((entry) => entry.id === search.get('fromTransaction'));
    const to = touching.findIndex((entry) => entry.id === search.get('toTransaction'));
    let chosen = touching.slice(Math.max(from, 0), to >= 0 ? to + 1 : undefined);
    if (search.get('reverse') === 'true') chosen = chosen.reverse();
    const limit = Number(search.get('limit') ?? 100) || 100;
    const onlyNamed = search.get('includeIdentifiedDocumentsOnly') === 'true';
    return chosen.slice(0, limit).map((entry) => ({
      ...entry,
      effects: onlyNamed
        ? Object.fromEntries(Object.entries(entry.effects).filter(([id]) => ids.includes(id)))
        : entry.effects,
    }));
  }

  /**
   * `GET /data/history/:dataset/documents/:ids`: each document as it was at a `revision` (a
   * transaction id), at a `time`, or at its `lastRevision` (before its deletion, if deleted):
   * the present state with the later transactions' effects reverted.
   */
  documents(ids: readonly string[], search: URLSearchParams): SanityDocument[] {
    const revision = search.get('revision');
    const time = search.get('time');
    return ids.flatMap((id) => {
      let doc: SanityDocument | null = this.#documents.get(id) ?? null;
      if (revision === null && time === null && search.get('lastRevision') !== 'true')
        return doc ? [doc] : [];
      const history = this.#entries.filter((entry) => entry.effects[id]);
      if (search.get('lastRevision') === 'true') {
        if (doc) return [doc];
        const deletion = history.at(-1);
        return deletion ? [this.#revert(null, id, deletion)].filter((found) => found !== null) : [];
      }
      for (const entry of history.toReversed()) {
        if (revision !== null ? doc?._rev === revision : entry.timestamp <= (time ?? '')) break;
        doc = this.#revert(doc, id, entry);
      }
      if (revision !== null && doc?._rev !== revision) return [];
      return doc ? [doc] : [];
    });
  }

  #revert(doc: SanityDocument | null, id: string, entry: HistoryEntry): SanityDocument | null {
    const before = applyPatch(
      doc && withoutRev(doc),
      entry.effects[id]?.revert as never,
    ) as SanityDocument | null;
    const rev = entry.previousRevs[id];
    return before && rev ? { ...before, _rev: rev } : before;
  }
}
