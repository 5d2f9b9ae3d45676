import { Migration } from '@mikro-orm/migrations';

/**
 * The secret question of an account (asked when the password is lost): the
 * question in clear, the answer as an argon2id hash. Nullable: accounts
 * created before, or by someone else (declarants), have none yet.
 */
export class Migration20261126250000_secret_question extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account" add column "secret_question" varchar(200) null, add column "secret_answer_hash" varchar(255) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop column "secret_question", drop column "secret_answer_hash";`);
  }
}
