import { Migration } from '@mikro-orm/migrations';

/**
 * Administrator candidacies (Candidat AD): the candidacy read model, the
 * activation letters of the print queue (key hash only), and the
 * confirmation-link purpose of a candidate's e-mail.
 */
export class Migration20261126200000_candidacy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "token_purpose" add value if not exists 'CANDIDACY';`);
    this.addSql(`create type "candidacy_status" as enum ('AWAITING_EMAIL', 'AWAITING_APPROVAL', 'AWAITING_LETTER', 'AWAITING_KEY', 'APPROVED', 'REFUSED', 'EXPIRED', 'LOCKED', 'CANCELLED');`);
    this.addSql(`create type "candidacy_route" as enum ('APPROVAL', 'LETTER');`);
    this.addSql(`create type "letter_status" as enum ('PENDING', 'POSTED', 'VOIDED');`);
    this.addSql(`create table "candidacy" ("id" uuid not null, "created_at" timestamptz not null, "workflow_id" varchar(255) not null, "company_id" uuid not null, "company_siren" varchar(9) not null, "company_name" varchar(255) not null, "account_id" uuid null, "siret" varchar(14) not null, "last_name" varchar(255) not null, "first_name" varchar(255) not null, "email" varchar(255) not null, "status" "candidacy_status" not null default 'AWAITING_EMAIL', "route" "candidacy_route" not null default 'APPROVAL', "due_date" timestamptz null, "expires_at" timestamptz null, "letter_route_offered" boolean not null default false, "attempts_left" int null, "letters_sent" int not null default 0, "decided_by_id" uuid null, "decided_at" timestamptz null, "refusal_reason" text null, "updated_at" timestamptz not null, constraint "candidacy_pkey" primary key ("id"));`);
    this.addSql(`alter table "candidacy" add constraint "candidacy_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "candidacy_company_id_status_index" on "candidacy" ("company_id", "status");`);
    this.addSql(`create index "candidacy_account_id_index" on "candidacy" ("account_id");`);
    this.addSql(`alter table "candidacy" add constraint "candidacy_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "candidacy" add constraint "candidacy_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "candidacy" add constraint "candidacy_decided_by_id_foreign" foreign key ("decided_by_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`create table "activation_letter" ("id" uuid not null, "created_at" timestamptz not null, "candidacy_id" uuid not null, "sequence" int not null, "key_hash" varchar(64) not null, "status" "letter_status" not null default 'PENDING', "company_name" varchar(255) not null, "siret" varchar(14) not null, "candidate_name" varchar(255) not null, "address" text not null, "post_by" timestamptz not null, "posted_at" timestamptz null, "posted_by" uuid null, "key_expires_at" timestamptz null, "voided_at" timestamptz null, "pdf" bytea null, "dedupe_key" varchar(255) not null, "updated_at" timestamptz not null, constraint "activation_letter_pkey" primary key ("id"));`);
    this.addSql(`create index "activation_letter_candidacy_id_index" on "activation_letter" ("candidacy_id");`);
    this.addSql(`create index "activation_letter_status_created_at_index" on "activation_letter" ("status", "created_at");`);
    this.addSql(`alter table "activation_letter" add constraint "activation_letter_key_hash_unique" unique ("key_hash");`);
    this.addSql(`alter table "activation_letter" add constraint "activation_letter_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`alter table "activation_letter" add constraint "activation_letter_candidacy_id_foreign" foreign key ("candidacy_id") references "candidacy" ("id") on update cascade on delete cascade;`);
  }
}
