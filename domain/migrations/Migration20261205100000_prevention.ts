import { Migration } from '@mikro-orm/migrations';

/** Passeport de prévention: declarations, their learners, and the verification windows' read model. */
export class Migration20261205100000_prevention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "prevention_declarant_kind" as enum ('TRAINING_BODY', 'EMPLOYER');`);
    this.addSql(`create type "prevention_channel" as enum ('FORM', 'FILE');`);
    this.addSql(`create type "prevention_proof_type" as enum ('ATTENDANCE', 'SUCCESS');`);
    this.addSql(`create type "prevention_modality" as enum ('IN_PERSON', 'REMOTE', 'MIXED');`);
    this.addSql(`create type "prevention_certification_kind" as enum ('RNCP', 'RS', 'CERTIF_INFO', 'FORMACODE');`);
    this.addSql(`create type "prevention_learner_status" as enum ('PENDING_VERIFICATION', 'VERIFIED', 'DEEMED_VERIFIED', 'CORRECTION_REQUESTED', 'EMPLOYER_DECLARED');`);
    this.addSql(`create type "prevention_window_status" as enum ('OPEN', 'CLOSED', 'CANCELLED');`);

    this.addSql(`create table "prevention_declaration" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "declarant_kind" "prevention_declarant_kind" not null,
      "declarant_siret" varchar(14) not null,
      "declared_by" uuid not null,
      "channel" "prevention_channel" not null,
      "proof_type" "prevention_proof_type" not null,
      "title" varchar(255) not null,
      "training_start" date not null,
      "training_end" date not null,
      "proof_valid_from" date null,
      "modality" "prevention_modality" not null,
      "rome_skills" jsonb not null,
      "trainer_qualification" text not null,
      "certification_kind" "prevention_certification_kind" not null,
      "certification_code" varchar(20) not null,
      "nsf_code" varchar(10) null,
      "quarter" varchar(7) not null,
      "deadline" date not null,
      "days_late" int not null);`);
    this.addSql(`create index "prevention_declaration_declarant_siret_created_at_index" on "prevention_declaration" ("declarant_siret", "created_at");`);

    this.addSql(`create table "prevention_learner" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "declaration_id" uuid not null,
      "nir" varchar(15) not null,
      "employee_pseudonym" varchar(64) not null,
      "birth_name" varchar(255) not null,
      "first_names" varchar(255) not null,
      "birth_date" date not null,
      "employer_siret" varchar(14) not null,
      "employer_siren" varchar(9) not null,
      "quarter" varchar(7) not null,
      "status" "prevention_learner_status" not null,
      "decided_at" timestamptz null,
      "decided_by" uuid null,
      "correction_reason" text null,
      constraint "prevention_learner_declaration_id_foreign" foreign key ("declaration_id") references "prevention_declaration" ("id") on update cascade on delete cascade,
      constraint "prevention_learner_declaration_id_employee_pseudonym_unique" unique ("declaration_id", "employee_pseudonym"));`);
    this.addSql(`create index "prevention_learner_employer_siren_quarter_status_index" on "prevention_learner" ("employer_siren", "quarter", "status");`);
    this.addSql(`create index "prevention_learner_employer_siret_created_at_index" on "prevention_learner" ("employer_siret", "created_at");`);

    this.addSql(`create table "prevention_window" (
      "id" uuid not null primary key,
      "created_at" timestamptz not null,
      "employer_siren" varchar(9) not null,
      "quarter" varchar(7) not null,
      "workflow_id" varchar(255) not null,
      "status" "prevention_window_status" not null default 'OPEN',
      "deadline" date not null,
      "moves" jsonb not null,
      "deemed_verified" int not null default 0,
      "closed_at" timestamptz null,
      "updated_at" timestamptz not null,
      constraint "prevention_window_employer_siren_quarter_unique" unique ("employer_siren", "quarter"),
      constraint "prevention_window_workflow_id_unique" unique ("workflow_id"));`);
  }

  override async down(): Promise<void> {
    for (const table of ['prevention_window', 'prevention_learner', 'prevention_declaration']) this.addSql(`drop table if exists "${table}" cascade;`);
    for (const type of ['prevention_window_status', 'prevention_learner_status', 'prevention_certification_kind', 'prevention_modality', 'prevention_proof_type', 'prevention_channel', 'prevention_declarant_kind']) this.addSql(`drop type if exists "${type}";`);
  }
}
