import nodemailer from 'nodemailer';
import { startSmtpCatcher } from './smtp-catcher';
import type { MailContent } from './mail-content';

export interface Mailer {
  send(mail: MailContent): Promise<void>;
  close(): Promise<void>;
  /** Where mail goes, without credentials (for logs). */
  describe(): string;
}

export interface MailerOptions {
  /** smtp://user:pass@host:port; unset → an embedded catcher on loopback. */
  smtpUrl?: string;
  from: string;
}

export async function createMailer({ smtpUrl, from }: MailerOptions): Promise<Mailer> {
  const catcher = smtpUrl ? undefined : await startSmtpCatcher();
  const url = new URL(smtpUrl ?? catcher!.url);
  const local = ['127.0.0.1', 'localhost', '::1'].includes(url.hostname);
  const transport = nodemailer.createTransport({
    url: url.toString(),
    ...(local ? { secure: false, ignoreTLS: true } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
    async close() {
      transport.close();
      await catcher?.close();
    },
    describe: () => (catcher ? `embedded catcher ${catcher.url}` : `${url.protocol}//${url.host}`),
  };
}
