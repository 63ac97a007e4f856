import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { GetSuppressedDestinationCommand } from '@aws-sdk/client-sesv2';
import type { DataSubject } from '../../functions/personalData/personalDataFinder.ts';
import { counted } from '../../functions/personalData/tableItems.ts';
import type { OperatorFinder } from './personalData.ts';
import { sweepQueues } from './sqsQueues.ts';

/** The finders outside the tables: SES's account-level suppression list, dead letters, Sanity. */

export const sesSuppressionListFinder: OperatorFinder = {
  name: 'sesSuppressionList',
  description:
    'Whether the address is on the SES account-level suppression list (SES keeps it there with the reason). Never removed by an erasure: the person is not to be mailed again.',
  async find(target, subject) {
    try {
      const { SuppressedDestination } = await target.ses.send(
        new GetSuppressedDestinationCommand({ EmailAddress: subject.address }),
      );
      return SuppressedDestination
        ? { reason: SuppressedDestination.Reason, since: SuppressedDestination.LastUpdateTime?.toISOString() }
        : null;
    } catch (error) {
      const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (name === 'NotFoundException') return null;
      // The SES emulator has no account-level list (no GetSuppressedDestination).
      if (target.local && ($metadata?.httpStatusCode === 404 || name === 'UnknownOperationException'))
        return { unknown: 'the local SES emulator keeps no account-level suppression list' };
      throw error;
    }
  },
  erase: async () => ['left as it is: an erased address stays suppressed'],
};

/** A dead letter is about the person if it names the address or its keyed hash. */
const isAbout = (subject: DataSubject) => (text: string) => {
  const lower = text.toLowerCase();
  return lower.includes(subject.address) || text.includes(subject.addressKey);
};

/** The lines of the local dead-letter files about the person, and the files' other lines. */
async function deadLetterLines(paths: readonly string[], subject: DataSubject) {
  const files = [];
  for (const path of paths.filter((candidate) => existsSync(candidate))) {
    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    files.push({
      path,
      matching: lines.filter(isAbout(subject)),
      others: lines.filter((line) => !isAbout(subject)(line)),
    });
  }
  return files;
}

export const deadLettersFinder: OperatorFinder = {
  name: 'deadLetters',
  description:
    'Stream records and SNS messages that exhausted their retries and name the address (SQS queues StreamDeadLetters and TopicDeadLetters, 14 days; locally the dead-letters.ndjson file). Erased.',
  async find(target, subject) {
    const source = target.deadLetters;
    if (source.kind === 'files')
      return (await deadLetterLines(source.paths, subject)).flatMap(({ path, matching }) =>
        matching.map((line) => ({ file: path, letter: JSON.parse(line) as unknown })),
      );
    const found = await sweepQueues(source.connection, source.queueUrls, isAbout(subject), false);
    return found.map(({ queueUrl, messageId, body }) => ({ queueUrl, messageId, body }));
  },
  async erase(target, subject) {
    const source = target.deadLetters;
    if (source.kind === 'queues') {
      const deleted = await sweepQueues(source.connection, source.queueUrls, isAbout(subject), true);
      return [`${counted(deleted.length, 'dead letter')} deleted from the queues`];
    }
    let deleted = 0;
    for (const { path, matching, others } of await deadLetterLines(source.paths, subject)) {
      if (matching.length === 0) continue;
      // A new file then a rename: a reader never sees half a file.
      await writeFile(`${path}.gdpr`, others.map((line) => `${line}\n`).join(''));
      await rename(`${path}.gdpr`, path);
      deleted += matching.length;
    }
    return [`${counted(deleted, 'dead letter')} deleted from the dead-letter files`];
  },
};

/**
 * Sanity: the documents with an e-mail field hold an organisation's or a team's contact
 * (organisation, region's CRESS, contact topics), or the person to contact about a submitted
 * event (`essaim-private.submission.<id>`, which only Studio users read); if one is this
 * address, it is listed, and left to the editors, whose content it is.
 */
const documentsWithAddress = `*[lower(email) == $address || lower(cress.email) == $address || $address in contactTopics[].recipients[]]{_id, _type, _updatedAt}`;

export const sanityDocumentsFinder: OperatorFinder = {
  name: 'sanityDocuments',
  description:
    'Content Lake documents with this address as a contact (organisations, regions, contact topics): listed; editors change them in the Studio (they are the organisation’s contact, not a visitor’s data).',
  async find(target, subject) {
    if (!target.sanity) return { unknown: 'no Content Lake configured' };
    return target.sanity.fetch(documentsWithAddress, { address: subject.address });
  },
  async erase(target, subject) {
    const found = await sanityDocumentsFinder.find(target, subject);
    if (!Array.isArray(found)) return ['not looked at: no Content Lake configured'];
    return found.length === 0
      ? ['no document holds the address']
      : [
          `${counted(found.length, 'document')} left to the editors: ${found.map((doc) => doc._id).join(', ')}`,
        ];
  },
};
