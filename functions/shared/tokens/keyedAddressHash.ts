import { createHmac } from 'node:crypto';

/** Addresses differ only by case and surrounding space: the same person. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The key by which items are found from an e-mail address (one registration per address…): an
 * HMAC with a secret key, so a leaked table does not give away addresses by a dictionary attack
 * on a bare hash. `parts` are hashed with it (the contact form's topic and text). Pure: the key
 * is given (`tokenKeys.ts` loads it).
 */
export const keyedAddressHash = (key: string, email: string, ...parts: readonly string[]): string =>
  createHmac('sha256', key)
    .update([normaliseEmail(email), ...parts].join('\n'))
    .digest('base64url');
