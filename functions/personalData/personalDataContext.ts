import { dynamoDbDocumentClient, tableNameOf } from '../shared/aws.ts';
import { ProblemError } from '../shared/http/problem.ts';
import { PersonalDataRequestStore } from './requestStore.ts';

export const requestStore = new PersonalDataRequestStore(
  dynamoDbDocumentClient(),
  tableNameOf('personalDataRequests'),
);

/** Any link that names no live request: the same 404, whatever the reason (tampered, unknown, erased). */
export const requestLinkInvalid = (): ProblemError =>
  new ProblemError({ status: 404, title: 'problem.notFound.title', detail: 'personalData.linkInvalid' });

export const requestLinkExpired = (): ProblemError =>
  new ProblemError({
    status: 410,
    title: 'problem.linkExpired.title',
    detail: 'personalData.confirmationExpired',
  });
