import { Migration } from '@mikro-orm/migrations';

/**
 * Collaborators arriving and leaving: the arrival and departure read
 * models (at most one pending departure per account), and the
 * confirmation-link purpose of an arrival's invitation.
 */
export class Migration20261126300000_collaborators extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "token_purpose" add value if not exists 'ARRIVAL';`);
    this.addSql(`create type "arrival_role" as enum ('DECLARANT', 'ADMINISTRATOR_CANDIDATE');`);
    this.addSql(`create type "arrival_rights_mode" as enum ('NONE', 'COPY', 'LIST');`);
    this.addSql(`create type "arrival_status" as enum ('SCHEDULED', 'AWAITING_CONFIRMATION', 'COMPLETED', 'EXPIRED', 'CANCELLED');`);
    this.addSql(`create type "departure_rights_mode" as enum ('TRANSFER', 'TRANSFER_NEW', 'REVOKE');`);
    this.addSql(`create type "departure_status" as enum ('SCHEDULED', 'WAITING_FOR_TARGET', 'COMPLETED', 'CANCELLED');`);
    this.addSql(`create table "arrival" ("id" uuid not null, "created_at" timestamptz not null, "workflow_id" varchar(255) not null, "company_id" uuid not null, "account_id" uuid null, "siret" varchar(14) not null, "last_name" varchar(255) not null, "first_name" varchar(255) not null, "email" varchar(255) not null, "role" "arrival_role" not null, "start_date" date not null, "rights_mode" "arrival_rights_mode" not null, "rights" jsonb not null, "status" "arrival_status" not null default 'SCHEDULED', "invited_at" timestamptz null, "expires_at" timestamptz null, "completed_at" timestamptz null, "candidacy_id" uuid null, "created_by" uuid null, "updated_at" timestamptz not null, constraint "arrival_pkey" primary key ("id"));`);
    this.addSql(`alter table "arrival" add constraint "arrival_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "arrival_company_id_status_index" on "arrival" ("company_id", "status");`);
    this.addSql(`create index "arrival_account_id_index" on "arrival" ("account_id");`);
    this.addSql(`alter table "arrival" add constraint "arrival_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "arrival" add constraint "arrival_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`create table "departure" ("id" uuid not null, "created_at" timestamptz not null, "workflow_id" varchar(255) not null, "company_id" uuid not null, "account_id" uuid not null, "last_name" varchar(255) not null, "first_name" varchar(255) not null, "effective_date" date not null, "rights_mode" "departure_rights_mode" not null, "to_account_id" uuid null, "to_name" varchar(255) null, "arrival_id" uuid null, "successor_account_id" uuid null, "status" "departure_status" not null default 'SCHEDULED', "waiting_reason" text null, "transferred" int null, "revoked" int null, "rights" jsonb null, "created_by" uuid null, "completed_at" timestamptz null, "updated_at" timestamptz not null, constraint "departure_pkey" primary key ("id"));`);
    this.addSql(`alter table "departure" add constraint "departure_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "departure_company_id_status_index" on "departure" ("company_id", "status");`);
    this.addSql(`create index "departure_account_id_index" on "departure" ("account_id");`);
    this.addSql(`create unique index "departure_one_pending_per_account" on "departure" ("account_id") where "status" in ('SCHEDULED', 'WAITING_FOR_TARGET');`);
    this.addSql(`alter table "departure" add constraint "departure_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "departure" add constraint "departure_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "departure" add constraint "departure_to_account_id_foreign" foreign key ("to_account_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "departure" add constraint "departure_arrival_id_foreign" foreign key ("arrival_id") references "arrival" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "departure" add constraint "departure_successor_account_id_foreign" foreign key ("successor_account_id") references "account" ("id") on update cascade on delete set null;`);
  }
}
