import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';
import { Candidacy } from './candidacy.entity';
import { LETTER_STATUSES, type LetterStatus } from './candidacy.status';

/**
 * A postal letter carrying an activation key, in the print queue until
 * support marks it posted. Only the key's hash is stored; the rendered PDF
 * is kept, encrypted, only while the letter waits to be printed, and erased
 * once it is posted or voided.
 */
@Entity({ tableName: 'activation_letter' })
@Index({ properties: ['status', 'createdAt'] })
export class ActivationLetter extends BaseEntity {
  @ManyToOne(() => Candidacy, { deleteRule: 'cascade' })
  @Index()
  candidacy!: Rel<Candidacy>;

  /** 1, 2, 3: the rank of this letter in its candidacy. */
  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ length: 64, hidden: true })
  @Unique()
  keyHash!: string;

  @Enum({ items: [...LETTER_STATUSES], nativeEnumName: 'letter_status' })
  status: Opt<LetterStatus> = 'PENDING';

  @Property()
  companyName!: string;

  @Property({ length: 14 })
  siret!: string;

  @Property()
  candidateName!: string;

  /**
   * The company's head-office address when the letter was issued, where it
   * goes; null when the company had none: the letter is then held back (no
   * PDF, never printed nor posted) until a new one is issued.
   */
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  /** Support should post it before this date. */
  @Property({ type: 'timestamptz' })
  postBy!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  postedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  postedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  keyExpiresAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  voidedAt?: Date | null;

  /** The printable letter while it waits in the queue, sealed (activation-letter.cipher.ts); null once posted or voided. */
  @Property({ type: 'blob', nullable: true, lazy: true, hidden: true })
  sealedPdf?: Buffer | null;

  /** Idempotency key of the step that issued it. */
  @Property()
  @Unique()
  dedupeKey!: string;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
