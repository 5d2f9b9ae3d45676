/** A mail as the outbox stores it. */
export interface MailContent {
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Builds text and HTML bodies from paragraphs and one call-to-action link. */
export function composeMail(to: string, subject: string, paragraphs: string[], action: { label: string; url: string }): MailContent {
  const text = [...paragraphs, `${action.label} : ${action.url}`, '— Le service Net-entreprises (back-office)'].join('\n\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>`,
    '<p>— Le service Net-entreprises (back-office)</p>',
  ].join('\n');
  return { to, subject, text, html, links: [action.url] };
}
