import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import { type AtomFeed, atomXml } from '../../functions/shared/atomFeed.ts';
import { seededRandom } from '../support/seededRandom.ts';

/** How the `feed` package wrote the same feed: the reference the functions' writer is held to. */
function referenceXml(atom: AtomFeed): string {
  const feed = new Feed({
    title: atom.title,
    ...(atom.subtitle ? { description: atom.subtitle } : {}),
    id: atom.id,
    link: atom.link,
    language: 'fr',
    ...(atom.rights ? { copyright: atom.rights } : {}),
    updated: atom.updated,
    generator: 'Essaim',
    feedLinks: { atom: atom.selfLink },
  });
  for (const entry of atom.entries)
    feed.addItem({
      title: entry.title,
      id: entry.id,
      link: entry.link,
      ...(entry.summary !== undefined ? { description: entry.summary } : {}),
      ...(entry.content !== undefined ? { content: entry.content } : {}),
      date: entry.updated,
      ...(entry.published ? { published: entry.published } : {}),
      ...(entry.authors?.length ? { author: entry.authors.map((name) => ({ name })) } : {}),
      ...(entry.categories
        ? { category: entry.categories.map(({ term, label }) => ({ term, name: label })) }
        : {}),
    });
  return feed.atom1();
}

function randomSource(seed: number) {
  const { next, pick, textOf } = seededRandom(seed);
  // Editors' words: markup, entities already written, one `]]>` (a second is the one difference).
  const pieces = ['Mois de l’ESS', ' ', '&', '&amp;', '<b>', '</b>', '"', "'", ']]>', 'é', '🐝', '\n'];
  const text = (max: number) => textOf(pieces, max);
  const once = (max: number) => text(max).replace(/(\]\]>.*?)\]\]>/gs, '$1');
  const date = () => new Date(Date.UTC(2026, Math.floor(next() * 24), 1 + Math.floor(next() * 27)));
  return { next, pick, text, once, date };
}

describe('Atom feeds written without the feed package', () => {
  it('are the bytes the feed package wrote, for 200 random feeds', () => {
    const { next, pick, text, once, date } = randomSource(2027);
    const urls = [
      'https://www.cress.example/',
      'https://www.cress.example/a?b=1&c=2',
      'https://api.example/x y',
    ];
    for (let i = 0; i < 200; i++) {
      const feed: AtomFeed = {
        id: pick(urls),
        title: text(6) || 'Actualités',
        updated: date(),
        link: pick(urls),
        selfLink: pick(urls),
        ...(next() < 0.7 ? { subtitle: text(6) } : {}),
        ...(next() < 0.7 ? { rights: text(4) } : {}),
        entries: Array.from({ length: Math.floor(next() * 4) }, (_, n) => ({
          title: once(6),
          id: `tag:essaim,2026:article/a${i}-${n}`,
          link: pick(urls),
          updated: date(),
          ...(next() < 0.7 ? { summary: once(8) } : {}),
          ...(next() < 0.5 ? { content: `<p>${once(8)}</p>` } : {}),
          ...(next() < 0.5 ? { published: date() } : {}),
          ...(next() < 0.5 ? { authors: [text(3) || 'Zoé'] } : {}),
          ...(next() < 0.5 ? { categories: [{ term: 'cooperation', label: 'Coopération' }] } : {}),
        })),
      };
      expect(atomXml(feed), JSON.stringify(feed)).toBe(referenceXml(feed));
    }
  });

  it('keeps every `]]>` of a text out of its CDATA section (the package split the first only)', () => {
    const xml = atomXml({
      id: 'https://www.cress.example/',
      title: 'Actualités',
      updated: new Date(0),
      link: 'https://www.cress.example/',
      selfLink: 'https://www.cress.example/feed.xml',
      entries: [
        {
          title: 'a ]]> b ]]> c',
          id: 'tag:essaim,2026:article/a',
          link: 'https://x.example/',
          updated: new Date(0),
        },
      ],
    });
    expect(xml).toContain('<title type="html"><![CDATA[a ]]]]><![CDATA[> b ]]]]><![CDATA[> c]]></title>');
  });
});
