import { SMTPServer } from 'smtp-server';

export interface SmtpCatcher {
  url: string;
  received(): number;
  close(): Promise<void>;
}

/**
 * The embedded mail server used when no SMTP_URL is given: it accepts every
 * message on loopback and keeps nothing (the outbox already holds each mail).
 */
export async function startSmtpCatcher(port = 0): Promise<SmtpCatcher> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    received: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
