import { Migration } from '@mikro-orm/migrations';

/**
 * Mass habilitation jobs: the uploaded file's header line as read, so that
 * the rejected-lines file starts with the input's own header (its columns
 * in its order) and can be corrected and sent again.
 */
export class Migration20261209100000_habilitation_job_header extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "habilitation_job" add column "header" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "habilitation_job" drop column if exists "header";`);
  }
}
