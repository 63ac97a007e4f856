/**
 * Keeps query results in a warm function's memory until the content changes. The content
 * revision (bumped by each signed Sanity webhook, stored in DynamoDB) is read at most once per
 * `checkIntervalMs`, so a change reaches every warm function within that interval.
 */
export interface RevisionSource {
  currentRevision(): Promise<string>;
}

interface Entry {
  readonly value: unknown;
  readonly revision: string;
}

export class ContentCache {
  readonly #source: RevisionSource;
  readonly #checkIntervalMs: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  /** Loads under way, by revision and key: a crowd of requests on a cold cache makes one query. */
  readonly #loading = new Map<string, Promise<unknown>>();
  #revision: { value: string; checkedAt: number } | undefined;
  #revisionReading: Promise<string> | undefined;

  constructor(source: RevisionSource, options: { checkIntervalMs?: number; maxEntries?: number } = {}) {
    this.#source = source;
    this.#checkIntervalMs = options.checkIntervalMs ?? 5000;
    this.#maxEntries = options.maxEntries ?? 500;
  }

  /**
   * The cached value for `key` at the current revision, loading it if needed. `revalidate`
   * checks the revision now rather than within the interval: for decisions (a place taken, a
   * place given) that must not rest on content older than the last recorded change.
   * `atRevision`: the revision the caller has just read itself (the same decision, one read).
   */
  async get<T>(
    key: string,
    load: () => Promise<T>,
    options: { revalidate?: boolean; atRevision?: string } = {},
  ): Promise<{ value: T; revision: string }> {
    const revision =
      options.atRevision ?? (options.revalidate ? await this.#readRevision() : await this.revision());
    const entry = this.#entries.get(key);
    if (entry && entry.revision === revision) {
      // Most recently used last, so the first entry is the one to evict.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return { value: entry.value as T, revision };
    }
    const loadingKey = `${revision}\u0000${key}`;
    let loading = this.#loading.get(loadingKey);
    if (!loading) {
      loading = load()
        .then((value) => {
          this.#entries.set(key, { value, revision });
          if (this.#entries.size > this.#maxEntries)
            this.#entries.delete(this.#entries.keys().next().value as string);
          return value;
        })
        .finally(() => this.#loading.delete(loadingKey));
      this.#loading.set(loadingKey, loading);
    }
    return { value: (await loading) as T, revision };
  }

  async revision(): Promise<string> {
    const now = Date.now();
    if (!this.#revision || now - this.#revision.checkedAt >= this.#checkIntervalMs) {
      // One read for all the requests that find it stale at once.
      this.#revisionReading ??= this.#readRevision().finally(() => {
        this.#revisionReading = undefined;
      });
      return this.#revisionReading;
    }
    return this.#revision.value;
  }

  /** The revision read now (a decision's `revalidate` never shares a read begun before it). */
  async #readRevision(): Promise<string> {
    const value = await this.#source.currentRevision();
    this.#revision = { value, checkedAt: Date.now() };
    return value;
  }

  /** Forgets everything (the webhook's own container, right after recording a change). */
  clear(): void {
    this.#entries.clear();
    this.#revision = undefined;
  }
}
