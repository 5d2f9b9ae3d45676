import { Migration } from '@mikro-orm/migrations';

/** Passeport de prévention: a learner's lines found by his pseudonym (a training declared twice; an employer's check joining its employees). */
export class Migration20261206100000_prevention_learner_pseudonym extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "prevention_learner_employee_pseudonym_index" on "prevention_learner" ("employee_pseudonym");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "prevention_learner_employee_pseudonym_index";`);
  }
}
