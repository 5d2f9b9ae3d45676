import { Migration } from '@mikro-orm/migrations';

/** Passeport de prévention: the employer's correction request that sent a line back, which its training body's task (preventionCorrectionWorkflow) counts the lines of. */
export class Migration20261207100000_prevention_correction_request extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "prevention_learner" add column "correction_request_id" uuid null;`);
    this.addSql(`create index "prevention_learner_correction_request_id_index" on "prevention_learner" ("correction_request_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "prevention_learner_correction_request_id_index";`);
    this.addSql(`alter table "prevention_learner" drop column "correction_request_id";`);
  }
}
