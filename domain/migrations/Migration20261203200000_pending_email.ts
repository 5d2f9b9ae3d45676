import { Migration } from '@mikro-orm/migrations';

/**
 * A change of a confirmed address waits in `pending_email` until the new
 * address is confirmed: the confirmed one stays in use (mails, approvals)
 * meanwhile.
 */
export class Migration20261203200000_pending_email extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account" add column "pending_email" varchar(255) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop column "pending_email";`);
  }
}
