import { Migration } from '@mikro-orm/migrations';

/**
 * A radiated account holds no identity: the triplet is unique among the
 * accounts not RADIATED only, so that a refused candidate, or a leaver who
 * comes back, may be given an account again.
 */
export class Migration20261202100000_radiated_identity_free extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account" drop constraint "account_identity_key_unique";`);
    this.addSql(`create unique index "account_identity_key_unique" on "account" ("identity_key") where "status" <> 'RADIATED';`);
    this.addSql(`create index "account_identity_key_index" on "account" ("identity_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "account_identity_key_index";`);
    this.addSql(`drop index "account_identity_key_unique";`);
    this.addSql(`alter table "account" add constraint "account_identity_key_unique" unique ("identity_key");`);
  }
}
