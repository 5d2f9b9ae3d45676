import { Migration } from '@mikro-orm/migrations';

/**
 * Change feed of the access decisions: every committed change to what a
 * decision reads sends a PostgreSQL notification on `access_changed`, whose
 * payload is the company whose decisions may have changed, or `*` (any).
 * The API keeps its decision cache correct with it (api/access/access-cache.ts).
 * Statement-level triggers over transition tables: a bulk change costs one
 * notification per company, not one per row; columns that decisions never
 * read (last login, last use of a key) send nothing.
 */
const CHANNEL = 'access_changed';

const COMPANY_OF = `
create function access_feed_companies() returns trigger language plpgsql as $$
begin
  if TG_ARGV[0] = 'account_id' then
    perform pg_notify('${CHANNEL}', coalesce(s.company_id::text, '*'))
      from (select distinct a.company_id from changed x left join account a on a.id = x.account_id) s;
  elsif TG_ARGV[0] = 'portfolio_id' then
    perform pg_notify('${CHANNEL}', coalesce(s.company_id::text, '*'))
      from (select distinct p.company_id from changed x left join portfolio p on p.id = x.portfolio_id) s;
  else
    perform pg_notify('${CHANNEL}', s.company_id::text) from (select distinct company_id from changed) s;
  end if;
  return null;
end $$`;

/** Row level, for updates of a few columns only (transition tables cannot be combined with a column list). */
const ROW_COMPANY = `
create function access_feed_row_company() returns trigger language plpgsql as $$
begin
  perform pg_notify('${CHANNEL}', new.company_id::text);
  perform pg_notify('${CHANNEL}', old.company_id::text);
  return null;
end $$`;

const ANY_COMPANY = `
create function access_feed_any() returns trigger language plpgsql as $$
begin
  perform pg_notify('${CHANNEL}', '*');
  return null;
end $$`;

/** table → how a changed row leads to its company, and the columns whose update matters (null: any). */
const PER_COMPANY: Array<[table: string, companyBy: string, columns: string[] | null]> = [
  ['habilitation', 'account_id', null],
  ['portfolio', 'company_id', null],
  ['portfolio_establishment', 'portfolio_id', null],
  ['portfolio_service', 'portfolio_id', null],
  ['account', 'company_id', ['status', 'company_id']],
  ['api_key', 'company_id', ['revoked_at', 'key_hash', 'company_id']],
];

const GLOBAL = ['declarative_service', 'dsn_filing', 'employment_relation', 'establishment'];

export class Migration20261126150000_access_feed extends Migration {
  override async up(): Promise<void> {
    this.addSql(COMPANY_OF);
    this.addSql(ROW_COMPANY);
    this.addSql(ANY_COMPANY);
    for (const [table, companyBy, columns] of PER_COMPANY) {
      const events: Array<[string, string]> = columns ? [['insert', 'new'], ['delete', 'old']] : [['insert', 'new'], ['update', 'new'], ['delete', 'old']];
      for (const [event, transition] of events) {
        this.addSql(
          `create trigger ${table}_access_feed_${event} after ${event} on "${table}" referencing ${transition} table as changed for each statement execute function access_feed_companies('${companyBy}');`,
        );
      }
      if (columns) {
        const changedColumns = columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
        this.addSql(
          `create trigger ${table}_access_feed_update after update of ${columns.join(', ')} on "${table}" for each row when (${changedColumns}) execute function access_feed_row_company();`,
        );
      }
    }
    for (const table of GLOBAL) {
      this.addSql(`create trigger ${table}_access_feed after insert or update or delete or truncate on "${table}" for each statement execute function access_feed_any();`);
    }
  }

  override async down(): Promise<void> {
    this.addSql('drop function access_feed_companies cascade;');
    this.addSql('drop function access_feed_row_company cascade;');
    this.addSql('drop function access_feed_any cascade;');
  }
}
