import { Migration } from '@mikro-orm/migrations';

/** An activation letter issued while the company has no head-office address has none: it is held back, never printed. */
export class Migration20261202110000_held_letters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "activation_letter" alter column "address" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "activation_letter" set "address" = '' where "address" is null;`);
    this.addSql(`alter table "activation_letter" alter column "address" set not null;`);
  }
}
