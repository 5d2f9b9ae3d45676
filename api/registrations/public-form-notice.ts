import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { identityKey } from '../../domain/account/identity.rules';
import { PUBLIC_FORM_NOTICE_DEFAULTS } from '../../domain/registration/registration.defaults';
import {
  PUBLIC_FORM_NOTICE_WORKFLOW_TYPE,
  publicFormNoticeWorkflowId,
  type PublicFormNotice,
} from '../../workflows/public-form-notice/public-form-notice.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';

/**
 * Starts the workflow that mails why a public form started nothing. Its id
 * is a fingerprint of the notice (no address or name in clear): the same
 * form posted again while the notice's quiet period lasts joins the running
 * workflow (whose handle is answered), and nothing more is sent.
 */
export function mailPublicFormNotice(temporal: Client, notice: PublicFormNotice) {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([notice.kind, notice.to, identityKey(notice.siret, notice.lastName, notice.firstName)]))
    .digest('hex')
    .slice(0, 32);
  return temporal.workflow.start(PUBLIC_FORM_NOTICE_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId: publicFormNoticeWorkflowId(fingerprint),
    args: [{ notice, durations: PUBLIC_FORM_NOTICE_DEFAULTS }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
}
