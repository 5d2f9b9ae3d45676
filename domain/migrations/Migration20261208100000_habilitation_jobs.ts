import { Migration } from '@mikro-orm/migrations';

/**
 * Mass habilitation jobs (issue 14): the job with its counts and outcome,
 * its plan (one row per cell, applied in seq order, read by chunks of
 * (job, seq)) and its rejected lines (read by line).
 */
export class Migration20261208100000_habilitation_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "habilitation_job_kind" as enum ('ESTABLISHMENTS', 'HABILITATIONS', 'SERVICE');`);
    this.addSql(`create type "habilitation_job_status" as enum ('PLANNED', 'AWAITING_CONFIRMATION', 'QUEUED', 'APPLYING', 'DONE', 'CANCELLED', 'EXPIRED');`);
    this.addSql(`create type "habilitation_job_outcome" as enum ('OK', 'PARTIAL', 'KO');`);
    this.addSql(`create type "habilitation_change_action" as enum ('GRANT', 'REVOKE');`);
    this.addSql(`create table "habilitation_job" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "portfolio_id" uuid not null,
      "company_id" uuid not null,
      "kind" "habilitation_job_kind" not null,
      "status" "habilitation_job_status" not null default 'PLANNED',
      "created_by" uuid not null,
      "file_name" varchar(255) null,
      "lines_read" int not null default 0,
      "lines_rejected" int not null default 0,
      "added" int not null default 0,
      "removed" int not null default 0,
      "changed" int not null default 0,
      "unchanged" int not null default 0,
      "changes_total" int not null default 0,
      "changes_done" int not null default 0,
      "changes_rejected" int not null default 0,
      "quarantined" boolean not null default false,
      "confirmed_at" timestamptz null,
      "confirmed_by" uuid null,
      "finished_at" timestamptz null,
      "outcome" "habilitation_job_outcome" null,
      "outcome_code" varchar(64) null,
      "outcome_params" jsonb null,
      "workflow_id" varchar(255) null,
      "updated_at" timestamptz not null,
      constraint "habilitation_job_workflow_id_unique" unique ("workflow_id"));`);
    this.addSql(`create index "habilitation_job_company_id_index" on "habilitation_job" ("company_id");`);
    this.addSql(`create index "habilitation_job_portfolio_id_created_at_index" on "habilitation_job" ("portfolio_id", "created_at");`);
    this.addSql(`alter table "habilitation_job" add constraint "habilitation_job_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolio" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "habilitation_job" add constraint "habilitation_job_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`create table "habilitation_job_change" (
      "job_id" uuid not null,
      "seq" int not null,
      "line" int not null,
      "account_id" uuid not null,
      "siret" varchar(14) not null,
      "service_code" varchar(32) not null,
      "action" "habilitation_change_action" not null,
      "can_declare" boolean null,
      "can_pay" boolean null,
      "can_consult" boolean null,
      constraint "habilitation_job_change_pkey" primary key ("job_id", "seq"));`);
    this.addSql(`alter table "habilitation_job_change" add constraint "habilitation_job_change_job_id_foreign" foreign key ("job_id") references "habilitation_job" ("id") on update cascade on delete cascade;`);
    this.addSql(`create table "habilitation_job_rejected_line" (
      "id" bigserial primary key,
      "job_id" uuid not null,
      "line" int not null,
      "code" varchar(64) not null,
      "params" jsonb not null,
      "raw" text null,
      "seq" int null,
      constraint "habilitation_job_rejected_line_job_id_seq_unique" unique ("job_id", "seq"));`);
    this.addSql(`create index "habilitation_job_rejected_line_job_id_line_index" on "habilitation_job_rejected_line" ("job_id", "line");`);
    this.addSql(`alter table "habilitation_job_rejected_line" add constraint "habilitation_job_rejected_line_job_id_foreign" foreign key ("job_id") references "habilitation_job" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    for (const table of ['habilitation_job_rejected_line', 'habilitation_job_change', 'habilitation_job']) this.addSql(`drop table if exists "${table}" cascade;`);
    for (const type of ['habilitation_change_action', 'habilitation_job_outcome', 'habilitation_job_status', 'habilitation_job_kind']) this.addSql(`drop type if exists "${type}";`);
  }
}
