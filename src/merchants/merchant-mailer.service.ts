import { Injectable, Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { ConfigService } from '../config/config.service';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Where mails go: SMTP in production, the server log without SMTP_URL, a collector in tests. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/** Without SMTP, the mail (a one-time link) is written to the server log for the operator. */
export class LogMailTransport implements MailTransport {
  private readonly logger = new Logger('Mail');

  async send(mail: OutgoingMail): Promise<void> {
    this.logger.log(`Mail to ${mail.to} (no SMTP_URL configured) — ${mail.subject}\n${mail.text}`);
  }
}

/** nodemailer is loaded with the first mail: most servers run without SMTP, and every module loaded stays in memory. */
export class SmtpMailTransport implements MailTransport {
  private transporter?: Transporter;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.transporter ??= (require('nodemailer') as typeof import('nodemailer')).createTransport(this.smtpUrl);
    await this.transporter.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }
}

/** Sends the merchant space's mails through the configured transport. */
@Injectable()
export class MerchantMailer {
  private readonly logger = new Logger('Mail');
  private transport: MailTransport;

  constructor(config: ConfigService) {
    const { smtpUrl, mailFrom } = config.values;
    this.transport = smtpUrl ? new SmtpMailTransport(smtpUrl, mailFrom) : new LogMailTransport();
  }

  /** The seam tests use to read mails instead of the log. */
  useTransport(transport: MailTransport): void {
    this.transport = transport;
  }

  /** A mail that cannot be sent is logged (without its link) and not retried; the caller answers as usual. */
  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.send(mail);
    } catch (e) {
      this.logger.error(`Could not send "${mail.subject}" to ${mail.to}: ${(e as Error).message}`);
    }
  }
}
