import { Migration } from '@mikro-orm/migrations';

/** SOLTéA campaigns: the campaign read model, applications, balances, allocations, transfers, reminders and run reports. */
export class Migration20261204100000_soltea extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "soltea_campaign_status" as enum ('RUNNING', 'CLOSED', 'CANCELLED');`);
    this.addSql(`create type "soltea_application_status" as enum ('SUBMITTED', 'ACCEPTED', 'REFUSED');`);
    this.addSql(`create type "soltea_transfer_step" as enum ('TRANSFER1', 'TRANSFER2', 'UNALLOCATED_DISTRIBUTION');`);
    this.addSql(`create type "soltea_transfer_status" as enum ('PAID', 'NOT_PAID_NO_BANK_DETAILS');`);
    this.addSql(`create type "soltea_run_status" as enum ('RUNNING', 'DONE', 'DONE_WITH_FAILURES');`);

    this.addSql(`create table "soltea_campaign" (
      "year" int not null primary key,
      "workflow_id" varchar(255) not null,
      "status" "soltea_campaign_status" not null default 'RUNNING',
      "phase" varchar(255) not null default 'STARTED',
      "calendar" jsonb not null,
      "moves" jsonb not null,
      "next_step" varchar(255) null,
      "next_step_at" timestamptz null,
      "started_at" timestamptz not null,
      "closed_at" timestamptz null,
      "report" jsonb null,
      constraint "soltea_campaign_workflow_id_unique" unique ("workflow_id"));`);

    this.addSql(`create table "soltea_application" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "year" int not null,
      "siret" varchar(14) not null,
      "company_id" uuid null,
      "name" varchar(255) not null,
      "uai" varchar(8) not null,
      "city" varchar(255) not null,
      "region" varchar(2) not null,
      "category" varchar(255) not null,
      "shortage_trainings" int not null default 0,
      "bank_details_present" boolean not null default false,
      "status" "soltea_application_status" not null default 'SUBMITTED',
      "refusal_reason" text null,
      "submitted_by" uuid null,
      "decided_by" uuid null,
      "decided_at" timestamptz null,
      "updated_at" timestamptz not null,
      constraint "soltea_application_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete set null,
      constraint "soltea_application_year_siret_unique" unique ("year", "siret"));`);
    this.addSql(`create index "soltea_application_year_status_index" on "soltea_application" ("year", "status");`);

    this.addSql(`create table "soltea_balance" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "year" int not null,
      "employer_siret" varchar(14) not null,
      "employer_siren" varchar(9) not null,
      "employer_name" varchar(255) not null,
      "region" varchar(2) null,
      "amount_cents" bigint not null,
      "contact_email" varchar(255) null,
      "frozen_at" timestamptz null,
      "frozen_by" varchar(255) null,
      "import_id" uuid null,
      "updated_at" timestamptz not null,
      constraint "soltea_balance_year_employer_siret_unique" unique ("year", "employer_siret"));`);
    this.addSql(`create index "soltea_balance_employer_siren_index" on "soltea_balance" ("employer_siren");`);

    this.addSql(`create table "soltea_allocation" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "year" int not null,
      "employer_siret" varchar(14) not null,
      "establishment_siret" varchar(14) not null,
      "share_bp" int not null,
      "updated_by" uuid null,
      "updated_at" timestamptz not null,
      constraint "soltea_allocation_year_employer_siret_establishme_fcff6_unique" unique ("year", "employer_siret", "establishment_siret"));`);
    this.addSql(`create index "soltea_allocation_year_establishment_siret_index" on "soltea_allocation" ("year", "establishment_siret");`);

    this.addSql(`create table "soltea_allocation_event" (
      "id" uuid not null primary key,
      "year" int not null,
      "employer_siret" varchar(14) not null,
      "total_bp" int not null,
      "at" timestamptz not null);`);
    this.addSql(`create index "soltea_allocation_event_year_at_index" on "soltea_allocation_event" ("year", "at");`);

    this.addSql(`create table "soltea_group" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "company_id" uuid not null,
      "name" varchar(255) not null,
      "establishment_sirets" jsonb not null,
      constraint "soltea_group_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade,
      constraint "soltea_group_company_id_name_unique" unique ("company_id", "name"));`);

    this.addSql(`create table "soltea_transfer" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "year" int not null,
      "step" "soltea_transfer_step" not null,
      "employer_siret" varchar(14) not null,
      "establishment_siret" varchar(14) not null,
      "amount_cents" bigint not null,
      "status" "soltea_transfer_status" not null,
      constraint "soltea_transfer_year_step_employer_siret_establis_29aa1_unique" unique ("year", "step", "employer_siret", "establishment_siret"));`);
    this.addSql(`create index "soltea_transfer_year_establishment_siret_index" on "soltea_transfer" ("year", "establishment_siret");`);

    this.addSql(`create table "soltea_reminder" (
      "id" uuid not null primary key,
      "year" int not null,
      "step" varchar(255) not null,
      "employer_siret" varchar(14) not null,
      "outbox_ids" jsonb not null,
      "at" timestamptz not null,
      constraint "soltea_reminder_year_step_employer_siret_unique" unique ("year", "step", "employer_siret"));`);

    this.addSql(`create table "soltea_run" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "year" int not null,
      "step" varchar(255) not null,
      "status" "soltea_run_status" not null default 'RUNNING',
      "started_at" timestamptz not null,
      "ended_at" timestamptz null,
      "counts" jsonb not null,
      constraint "soltea_run_year_step_unique" unique ("year", "step"));`);

    this.addSql(`create table "soltea_run_failure" (
      "id" uuid not null primary key,
      "run_id" uuid not null,
      "item" varchar(255) not null,
      "code" varchar(255) not null,
      "params" jsonb null,
      "at" timestamptz not null,
      constraint "soltea_run_failure_run_id_foreign" foreign key ("run_id") references "soltea_run" ("id") on update cascade on delete cascade,
      constraint "soltea_run_failure_run_id_item_unique" unique ("run_id", "item"));`);
  }

  override async down(): Promise<void> {
    for (const table of ['soltea_run_failure', 'soltea_run', 'soltea_reminder', 'soltea_transfer', 'soltea_group', 'soltea_allocation_event', 'soltea_allocation', 'soltea_balance', 'soltea_application', 'soltea_campaign']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
    for (const type of ['soltea_run_status', 'soltea_transfer_status', 'soltea_transfer_step', 'soltea_application_status', 'soltea_campaign_status']) {
      this.addSql(`drop type if exists "${type}";`);
    }
  }
}
