import { Migration } from '@mikro-orm/migrations';

/**
 * Passeport de prévention: each correction request is recorded, in the
 * transaction that sends its lines back, so that its training bodies' tasks
 * (started before that transaction commits) know whether it was made or
 * rolled back. Requests made before are recorded from their lines still
 * declared.
 */
export class Migration20261207200000_prevention_correction_request_recorded extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "prevention_correction_request" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "employer_sirens" jsonb not null,
      "requested_by" uuid not null);`);
    this.addSql(`insert into "prevention_correction_request" ("id", "created_at", "employer_sirens", "requested_by")
      select "correction_request_id", coalesce(min("decided_at"), now()), jsonb_agg(distinct "employer_siren" order by "employer_siren"), (array_agg("decided_by"))[1]
        from "prevention_learner" where "correction_request_id" is not null and "decided_by" is not null group by "correction_request_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "prevention_correction_request";`);
  }
}
