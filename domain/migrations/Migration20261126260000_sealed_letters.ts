import { Migration } from '@mikro-orm/migrations';

/**
 * Pending activation letters are kept encrypted (AES-256-GCM, see
 * domain/candidacy/activation-letter.cipher.ts). The PDFs stored before
 * were in clear, keys included: they are erased; support re-issues those
 * letters (a new letter voids the previous key).
 */
export class Migration20261126260000_sealed_letters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "activation_letter" rename column "pdf" to "sealed_pdf";`);
    this.addSql(`update "activation_letter" set "sealed_pdf" = null where "sealed_pdf" is not null;`);
  }
}
