import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../../functions/shared/abuseSettings.ts';
import { clientNetwork, mailboxOf } from '../../functions/shared/rateLimits.ts';

describe('rate limits', () => {
  it('counts an IPv4 client whole, an IPv6 one by its /64, an IPv4-mapped one as IPv4', () => {
    expect(clientNetwork('192.0.2.7')).toBe('192.0.2.7');
    expect(clientNetwork('2001:db8:7:8::1')).toBe('2001:db8:7:8::/64');
    expect(clientNetwork('2001:0db8:0007:0008:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:7:8::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(clientNetwork('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    // Nothing readable is one shared client, never a free pass.
    for (const odd of [undefined, '', 'evil.example', '1.2.3', '::g'])
      expect(clientNetwork(odd)).toBe('unknown');
  });

  it('knows one mailbox under its spellings: case, +tags, Gmail’s dots and domain', () => {
    const victim = 'anne.dupont@gmail.com';
    for (const spelling of [
      'Anne.Dupont@Gmail.com',
      'annedupont+1@gmail.com',
      'a.n.n.e.dupont+x+y@googlemail.com',
    ])
      expect(mailboxOf(spelling)).toBe(mailboxOf(victim));
    expect(mailboxOf(victim)).toBe('annedupont@gmail.com');
    // Other providers keep their dots; a tag alone keeps the address whole.
    expect(mailboxOf('Jean.Martin+cress@exemple.fr')).toBe('jean.martin@exemple.fr');
    expect(mailboxOf('+tag@exemple.fr')).toBe('+tag@exemple.fr');
  });

  it('reads limits as settings spell them, and refuses what is not one', () => {
    expect(parseRateLimit('20/1h')).toEqual({ limit: 20, windowSeconds: 3600 });
    expect(parseRateLimit(' 5 / 15min ')).toEqual({ limit: 5, windowSeconds: 900 });
    expect(parseRateLimit('1/1d')).toEqual({ limit: 1, windowSeconds: 86_400 });
    for (const bad of ['', '20', '0/1h', '20/0h', '20/2d', '20/1y', '-1/1h', '1e3/1h'])
      expect(parseRateLimit(bad)).toBeNull();
  });
});
