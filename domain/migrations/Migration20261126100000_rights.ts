import { Migration } from '@mikro-orm/migrations';

/**
 * Rights core: declarative services (with the seeded catalogue), portfolios
 * (a COMPANY portfolio for every existing company), habilitations, DSN
 * facts, API keys.
 */
export class Migration20261126100000_rights extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "access_mode" as enum ('DSN_INHERITED', 'PAYROLL_LINKED', 'SPECIFIC');`);
    this.addSql(`create type "portfolio_kind" as enum ('COMPANY', 'CLIENTS');`);
    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null, "company_id" uuid not null, "name" varchar(255) not null, "prefix" varchar(12) not null, "key_hash" varchar(64) not null, "created_by" uuid not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_company_id_index" on "api_key" ("company_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create table "declarative_service" ("code" varchar(32) not null, "label" varchar(255) not null, "access_mode" "access_mode" not null, "check_declaring_siret" boolean not null default false, "check_employees" boolean not null default false, "active" boolean not null default true, constraint "declarative_service_pkey" primary key ("code"));`);
    this.addSql(`create table "dsn_filing" ("id" bigserial primary key, "declaring_siret" varchar(14) not null, "declaring_account_id" uuid null, "declared_siret" varchar(14) not null, "period" date not null, "filed_at" timestamptz not null, "imported_at" timestamptz not null);`);
    this.addSql(`create index "dsn_filing_declaring_account_id_declared_siret_index" on "dsn_filing" ("declaring_account_id", "declared_siret");`);
    this.addSql(`create index "dsn_filing_declared_siret_period_index" on "dsn_filing" ("declared_siret", "period");`);
    this.addSql(`alter table "dsn_filing" add constraint "dsn_filing_declaring_siret_declared_siret_period_unique" unique ("declaring_siret", "declared_siret", "period");`);
    this.addSql(`create table "employment_relation" ("id" bigserial primary key, "employer_siret" varchar(14) not null, "employee_id" varchar(64) not null, "start_date" date not null, "end_date" date null);`);
    this.addSql(`create index "employment_relation_employer_siret_employee_id_index" on "employment_relation" ("employer_siret", "employee_id");`);
    this.addSql(`alter table "employment_relation" add constraint "employment_relation_employer_siret_employee_id_st_36327_unique" unique ("employer_siret", "employee_id", "start_date");`);
    this.addSql(`create table "portfolio" ("id" uuid not null, "created_at" timestamptz not null, "company_id" uuid not null, "kind" "portfolio_kind" not null, "name" varchar(255) not null, "updated_at" timestamptz not null, constraint "portfolio_pkey" primary key ("id"));`);
    this.addSql(`create index "portfolio_company_id_index" on "portfolio" ("company_id");`);
    this.addSql(`create table "habilitation" ("id" uuid not null, "created_at" timestamptz not null, "account_id" uuid not null, "siret" varchar(14) not null, "service_code" varchar(32) not null, "portfolio_id" uuid not null, "can_declare" boolean not null default true, "can_pay" boolean not null default false, "can_consult" boolean not null default true, "granted_by" uuid null, constraint "habilitation_pkey" primary key ("id"));`);
    this.addSql(`create index "habilitation_portfolio_id_siret_index" on "habilitation" ("portfolio_id", "siret");`);
    this.addSql(`alter table "habilitation" add constraint "habilitation_account_id_siret_service_code_unique" unique ("account_id", "siret", "service_code");`);
    this.addSql(`create table "portfolio_establishment" ("portfolio_id" uuid not null, "siret" varchar(14) not null, "added_at" timestamptz not null, constraint "portfolio_establishment_pkey" primary key ("portfolio_id", "siret"));`);
    this.addSql(`create index "portfolio_establishment_siret_index" on "portfolio_establishment" ("siret");`);
    this.addSql(`create table "portfolio_service" ("portfolio_id" uuid not null, "service_code" varchar(32) not null, "added_at" timestamptz not null, constraint "portfolio_service_pkey" primary key ("portfolio_id", "service_code"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "portfolio" add constraint "portfolio_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "habilitation" add constraint "habilitation_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "habilitation" add constraint "habilitation_service_code_foreign" foreign key ("service_code") references "declarative_service" ("code") on update cascade on delete cascade;`);
    this.addSql(`alter table "habilitation" add constraint "habilitation_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolio" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "portfolio_establishment" add constraint "portfolio_establishment_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolio" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "portfolio_service" add constraint "portfolio_service_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolio" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "portfolio_service" add constraint "portfolio_service_service_code_foreign" foreign key ("service_code") references "declarative_service" ("code") on update cascade on delete cascade;`);
    this.addSql(`create unique index "portfolio_one_company_portfolio" on "portfolio" ("company_id") where "kind" = 'COMPANY';`);
    this.addSql(`create index "employment_relation_employee_id_index" on "employment_relation" ("employee_id");`);
    this.addSql(`insert into "declarative_service" ("code", "label", "access_mode", "check_declaring_siret", "check_employees") values
      ('DSN', 'Déclaration sociale nominative (DSN)', 'DSN_INHERITED', false, false),
      ('ATMP_RATES', 'Notification des taux AT/MP', 'DSN_INHERITED', false, false),
      ('SOLTEA_EMPL', 'SOLTéA Employeurs', 'PAYROLL_LINKED', false, false),
      ('PREVENTION_PASSPORT', 'Passeport de prévention', 'PAYROLL_LINKED', false, false),
      ('BONUS_MALUS', 'Simulateur Bonus/Malus', 'PAYROLL_LINKED', false, false),
      ('MCF', 'Mon Compte Formation — abondement', 'SPECIFIC', true, true),
      ('MCF_REGUL', 'MCF Régularisation', 'SPECIFIC', true, false),
      ('PEPS', 'PEP''s — plateforme des employeurs publics', 'SPECIFIC', false, false),
      ('SOLTEA_ETAB', 'SOLTéA Établissements', 'SPECIFIC', false, false);`);
    this.addSql(`insert into "portfolio" ("id", "created_at", "company_id", "kind", "name", "updated_at") select gen_random_uuid(), now(), "id", 'COMPANY', 'Portefeuille entreprise', now() from "company";`);
    this.addSql(`insert into "portfolio_establishment" ("portfolio_id", "siret", "added_at") select p."id", e."siret", now() from "portfolio" p join "establishment" e on e."company_id" = p."company_id" where p."kind" = 'COMPANY';`);
  }
}
