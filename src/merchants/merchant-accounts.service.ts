import { BadRequestException, ConflictException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ConfigService } from '../config/config.service';
import { isUniqueViolation } from '../shops/shop.repository';
import { LoginThrottle } from './login-throttle';
import { MerchantMailer } from './merchant-mailer.service';
import { MerchantSessions, sha256 } from './merchant-sessions.service';
import { MerchantRepository, MerchantRow } from './merchant.repository';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';

const RESET_TTL_MS = 60 * 60_000;
export const RESET_PATH = '/espace-commercant/mot-de-passe';

export interface OpenedSession {
  merchant: MerchantRow;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Sign-up, sign-in and password resets; the pages and the JSON API both call these. */
@Injectable()
export class MerchantAccounts {
  private readonly logger = new Logger('Merchants');
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly merchants: MerchantRepository,
    private readonly sessions: MerchantSessions,
    private readonly mailer: MerchantMailer,
    private readonly config: ConfigService,
  ) {}

  /** Creates the account and signs it in; 409 when the email already has one. */
  async signUp(input: { email: string; password: string; name?: string }): Promise<OpenedSession> {
    const passwordHash = await hashPassword(input.password);
    let merchant: MerchantRow;
    try {
      merchant = await this.merchants.create(input.email, passwordHash, input.name || null);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException('Un compte existe déjà avec cette adresse e-mail : connectez-vous ou réinitialisez votre mot de passe.');
      throw e;
    }
    this.logger.log(`Merchant account ${merchant.id} created`);
    return { merchant, ...(await this.sessions.open(merchant.id)) };
  }

  /**
   * Checks the password and opens a fresh session (the previous one, if any, is closed by
   * the caller: rotation). Unknown email and wrong password answer alike, in the same time.
   */
  async signIn(input: { email: string; password: string }, client: string): Promise<OpenedSession> {
    this.throttle.check(input.email, client);
    const account = await this.merchants.findByEmail(input.email);
    const ok = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
    if (!account || !ok) {
      this.throttle.recordFailure(input.email, client);
      throw new UnauthorizedException('Adresse e-mail ou mot de passe incorrect.');
    }
    this.throttle.recordSuccess(input.email);
    const { passwordHash: _hash, ...merchant } = account;
    return { merchant, ...(await this.sessions.open(merchant.id)) };
  }

  /**
   * Sends a one-time link valid for one hour. Says nothing about whether the account
   * exists: the caller answers 202 either way.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const account = await this.merchants.findByEmail(email);
    if (!account) return;
    const token = randomBytes(32).toString('base64url');
    await this.merchants.createResetToken({ tokenHash: sha256(token), merchantId: account.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    const link = `${this.config.values.publicUrl}${RESET_PATH}?token=${token}`;
    await this.mailer.send({
      to: account.email,
      subject: 'Vitrines — réinitialiser votre mot de passe',
      text: [
        'Bonjour,',
        '',
        'Pour choisir un nouveau mot de passe pour votre espace commerçant Vitrines, ouvrez ce lien (valable une heure, une seule fois) :',
        link,
        '',
        "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.",
      ].join('\n'),
    });
  }

  /** Sets the new password once and signs every browser out; 400 for a used, expired or unknown link. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const merchantId = await this.merchants.consumeResetToken(sha256(token), passwordHash, new Date());
    if (!merchantId) throw new BadRequestException('Ce lien de réinitialisation est invalide, expiré ou déjà utilisé : demandez-en un nouveau.');
    this.logger.log(`Merchant ${merchantId} reset their password; all their sessions were closed`);
  }
}
