import { Migration } from '@mikro-orm/migrations';

/** v1: companies, establishments, accounts, sessions, confirmation tokens, outbox, audit trail. */
export class Migration20261126000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "company_status" as enum ('PENDING', 'ACTIVE', 'CLOSED');`);
    this.addSql(`create type "establishment_status" as enum ('PENDING', 'ACTIVE', 'CLOSED');`);
    this.addSql(`create type "account_role" as enum ('SUPPORT', 'ADMINISTRATOR', 'DECLARANT');`);
    this.addSql(`create type "account_status" as enum ('PENDING', 'ACTIVE', 'LOCKED', 'RADIATED');`);
    this.addSql(`create type "admin_status" as enum ('PRIMO_AD', 'CANDIDATE_AD', 'ACTIVE');`);
    this.addSql(`create type "token_purpose" as enum ('REGISTRATION', 'EMAIL_CONFIRMATION');`);
    this.addSql(`create type "outbox_status" as enum ('PENDING', 'SENT', 'FAILED');`);
    this.addSql(`create table "audit_event" ("id" uuid not null, "at" timestamptz not null, "actor_id" uuid null, "actor_label" varchar(255) not null, "action" varchar(255) not null, "target_type" varchar(255) not null, "target_id" varchar(255) not null, "company_id" uuid null, "before" jsonb null, "after" jsonb null, "dedupe_key" varchar(255) null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_company_id_index" on "audit_event" ("company_id");`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);
    this.addSql(`create table "company" ("id" uuid not null, "created_at" timestamptz not null, "siren" varchar(9) not null, "legal_name" varchar(255) not null, "head_office_address" text not null, "status" "company_status" not null default 'PENDING', "operator" boolean not null default false, constraint "company_pkey" primary key ("id"));`);
    this.addSql(`alter table "company" add constraint "company_siren_unique" unique ("siren");`);
    this.addSql(`create table "establishment" ("id" uuid not null, "created_at" timestamptz not null, "siret" varchar(14) not null, "company_id" uuid not null, "name" varchar(255) not null, "address" text not null, "status" "establishment_status" not null default 'PENDING', "head_office" boolean not null default false, constraint "establishment_pkey" primary key ("id"));`);
    this.addSql(`alter table "establishment" add constraint "establishment_siret_unique" unique ("siret");`);
    this.addSql(`create index "establishment_company_id_index" on "establishment" ("company_id");`);
    this.addSql(`create table "account" ("id" uuid not null, "created_at" timestamptz not null, "company_id" uuid not null, "establishment_id" uuid not null, "siret" varchar(14) not null, "last_name" varchar(255) not null, "first_name" varchar(255) not null, "identity_key" varchar(255) not null, "email" varchar(255) not null, "role" "account_role" not null, "status" "account_status" not null default 'PENDING', "admin_status" "admin_status" null, "password_hash" varchar(255) not null, "email_confirmed_at" timestamptz null, "last_login_at" timestamptz null, "recent_failures" jsonb not null default '[]', "lockouts" int not null default 0, "locked_until" timestamptz null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`create index "account_company_id_index" on "account" ("company_id");`);
    this.addSql(`alter table "account" add constraint "account_identity_key_unique" unique ("identity_key");`);
    this.addSql(`create table "confirmation_token" ("id" uuid not null, "created_at" timestamptz not null, "token_hash" varchar(64) not null, "purpose" "token_purpose" not null, "account_id" uuid not null, "workflow_id" varchar(255) not null, "dedupe_key" varchar(255) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "voided_at" timestamptz null, constraint "confirmation_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "confirmation_token" add constraint "confirmation_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "confirmation_token_workflow_id_index" on "confirmation_token" ("workflow_id");`);
    this.addSql(`alter table "confirmation_token" add constraint "confirmation_token_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create table "outbox_message" ("id" uuid not null, "created_at" timestamptz not null, "dedupe_key" varchar(255) not null, "recipient" varchar(255) not null, "subject" varchar(255) not null, "text" text not null, "html" text not null, "links" jsonb not null, "status" "outbox_status" not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "sent_at" timestamptz null, "company_id" uuid null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "outbox_message_company_id_index" on "outbox_message" ("company_id");`);
    this.addSql(`create index "outbox_message_created_at_index" on "outbox_message" ("created_at");`);
    this.addSql(`create table "session" ("token_hash" varchar(64) not null, "account_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "session_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);
    this.addSql(`alter table "establishment" add constraint "establishment_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account" add constraint "account_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "account" add constraint "account_establishment_id_foreign" foreign key ("establishment_id") references "establishment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "confirmation_token" add constraint "confirmation_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`create function audit_event_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_event is append-only'; end $$;`);
    this.addSql(`create trigger audit_event_no_update before update or delete on "audit_event" for each row execute function audit_event_append_only();`);
  }
}
