import { Migration } from '@mikro-orm/migrations';

/** Passeport de prévention: an employer's check cancelled from supervision is recorded CANCELLED (no longer shown as to do). */
export class Migration20261206200000_prevention_check_cancelled extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "prevention_check_status" add value if not exists 'CANCELLED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "prevention_check" alter column "status" drop default;`);
    this.addSql(`alter type "prevention_check_status" rename to "prevention_check_status_old";`);
    this.addSql(`create type "prevention_check_status" as enum ('OPEN', 'DONE', 'NOT_DONE');`);
    this.addSql(
      `alter table "prevention_check" alter column "status" type "prevention_check_status" using (case when "status"::text = 'CANCELLED' then 'NOT_DONE' else "status"::text end)::"prevention_check_status";`,
    );
    this.addSql(`alter table "prevention_check" alter column "status" set default 'OPEN';`);
    this.addSql(`drop type "prevention_check_status_old";`);
  }
}
