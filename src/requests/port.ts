/**
 * How the workflow reaches people. It never calls Slack: every message it owes is written to the
 * outbox in the same transaction as the change that owes it, and the messenger, implemented on
 * the Slack side, is told there is something to deliver.
 */
export type Messenger = {
  /** New messages wait in the outbox: deliver them soon rather than at the next poll. */
  wake(): void;
};
