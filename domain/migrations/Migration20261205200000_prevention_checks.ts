import { Migration } from '@mikro-orm/migrations';

/** Passeport de prévention: the employers' yearly checks and the yearly run's report. */
export class Migration20261205200000_prevention_checks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "prevention_check_status" as enum ('OPEN', 'DONE', 'NOT_DONE');`);
    this.addSql(`create type "prevention_check_run_status" as enum ('RUNNING', 'REPORTED', 'CANCELLED');`);
    this.addSql(`create table "prevention_check" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "year" int not null,
      "employer_siren" varchar(9) not null,
      "workflow_id" varchar(255) not null,
      "status" "prevention_check_status" not null default 'OPEN',
      "due" date not null,
      "reminded_at" timestamptz null,
      "done_at" timestamptz null,
      "done_by" uuid null,
      "updated_at" timestamptz not null,
      constraint "prevention_check_year_employer_siren_unique" unique ("year", "employer_siren"),
      constraint "prevention_check_workflow_id_unique" unique ("workflow_id"));`);
    this.addSql(`create index "prevention_check_year_status_index" on "prevention_check" ("year", "status");`);
    this.addSql(`create table "prevention_check_run" (
      "year" int not null primary key,
      "workflow_id" varchar(255) not null,
      "status" "prevention_check_run_status" not null default 'RUNNING',
      "due" date not null,
      "employers" int not null default 0,
      "started_at" timestamptz not null,
      "reported_at" timestamptz null,
      "report" jsonb null,
      constraint "prevention_check_run_workflow_id_unique" unique ("workflow_id"));`);
  }

  override async down(): Promise<void> {
    for (const table of ['prevention_check_run', 'prevention_check']) this.addSql(`drop table if exists "${table}" cascade;`);
    for (const type of ['prevention_check_run_status', 'prevention_check_status']) this.addSql(`drop type if exists "${type}";`);
  }
}
