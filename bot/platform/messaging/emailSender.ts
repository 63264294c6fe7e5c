// Sends email through the configured SMTP server (SMTP_URL, SMTP_FROM).
import type { Transporter } from 'nodemailer';

export interface EmailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface Email {
  to: string;
  /** Where replies go (e.g. the company's HR contact), when not to the sender. */
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
}

/** Sends email through the configured SMTP server (SMTP_URL), from SMTP_FROM. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly smtp: { url: string; from: string }) {
    // nodemailer is loaded here, when email is configured, not by every start-up (#16).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    this.transport = createTransport(smtp.url);
  }

  /** The sender (SMTP_FROM, `Name <address>` or a bare address), as the organizer of a calendar event. */
  get organizer(): { email: string; name?: string } {
    const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(this.smtp.from);
    if (!match) return { email: this.smtp.from.trim() };
    const name = match[1]?.trim();
    return { email: (match[2] ?? '').trim(), ...(name ? { name } : {}) };
  }

  async send(email: Email): Promise<void> {
    await this.transport.sendMail({ from: this.smtp.from, ...email });
  }

  close(): void {
    this.transport.close();
  }
}
