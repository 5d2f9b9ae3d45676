/** The one task queue every back-office workflow and activity runs on. */
export const TASK_QUEUE = 'back-office';
