import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DocumentReviewInput } from '../fixtures/document-review.workflow';

export const REVIEW_TASK_QUEUE = 'supervision-test-reviews';
export const REVIEW_WORKFLOW_TYPE = 'documentReviewWorkflow';

/**
 * A worker of its own (own bundle, own task queue) for the test-only
 * documentReviewWorkflow, next to the back-office's worker on the same server.
 */
export async function startReviewWorker(address: string | NativeConnection): Promise<{ stop(): Promise<void> }> {
  const connection = typeof address === 'string' ? await NativeConnection.connect({ address }) : address;
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: REVIEW_TASK_QUEUE,
    workflowsPath: require.resolve('../fixtures/document-review.workflow'),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      if (typeof address === 'string') await connection.close();
    },
  };
}

export async function startReview(client: Client, id: string, input: DocumentReviewInput): Promise<void> {
  await client.workflow.start(REVIEW_WORKFLOW_TYPE, { taskQueue: REVIEW_TASK_QUEUE, workflowId: id, args: [input] });
}
