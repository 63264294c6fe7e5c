import { createTransport, type Transporter } from 'nodemailer';

export interface EmailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
}

/** Sends email through the configured SMTP server (SMTP_URL), from SMTP_FROM. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly smtp: { url: string; from: string }) {
    this.transport = createTransport(smtp.url);
  }

  async send(email: Email): Promise<void> {
    await this.transport.sendMail({ from: this.smtp.from, ...email });
  }

  close(): void {
    this.transport.close();
  }
}
