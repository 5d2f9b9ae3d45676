import { Migration } from '@mikro-orm/migrations';

/**
 * A departure's waiting reason is a code with parameters, put in words by
 * the console; a reason written before as a French sentence is kept as
 * LEGACY_TEXT with its text.
 */
export class Migration20261203100000_departure_waiting_code extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "departure" alter column "waiting_reason" type jsonb using case when "waiting_reason" is null then null else jsonb_build_object('code', 'LEGACY_TEXT', 'params', jsonb_build_object('text', "waiting_reason")) end;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "departure" alter column "waiting_reason" type text using case when "waiting_reason" is null then null when "waiting_reason"->>'code' = 'LEGACY_TEXT' then "waiting_reason"->'params'->>'text' else "waiting_reason"->>'code' end;`,
    );
  }
}
