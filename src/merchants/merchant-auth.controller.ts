import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConfigService } from '../config/config.service';
import { parseInput } from '../shops/input-validation';
import { resetConfirmSchema, resetRequestSchema, signInSchema, signUpSchema } from './merchant-input.schema';
import { TooManyAttemptsException } from './login-throttle';
import { MerchantAccounts, OpenedSession } from './merchant-accounts.service';
import { CurrentMerchant, CurrentMerchantInfo, CurrentMerchantSession, MerchantSessionGuard } from './merchant-session.guard';
import { MerchantSessionContext, MerchantSessions, SESSION_COOKIE } from './merchant-sessions.service';
import { readCookie } from './request-cookies';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

/** The merchant account API: sign-up, sign-in, sign-out, who am I, CSRF token, password reset. */
@Controller('api/merchant')
export class MerchantAuthController {
  constructor(
    private readonly accounts: MerchantAccounts,
    private readonly sessions: MerchantSessions,
    private readonly config: ConfigService,
  ) {}

  @Post('signup')
  @HttpCode(201)
  async signUp(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const opened = await this.accounts.signUp(parseInput(signUpSchema, body));
    return this.startSession(req, res, opened);
  }

  @Post('signin')
  @HttpCode(200)
  async signIn(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const input = parseInput(signInSchema, body);
    try {
      return await this.startSession(req, res, await this.accounts.signIn(input, req.ip ?? 'unknown'));
    } catch (e) {
      // The exception filter writes the body; the header that says when to retry is set here.
      if (e instanceof TooManyAttemptsException) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Post('signout')
  @HttpCode(204)
  @UseGuards(MerchantSessionGuard)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.close(readCookie(req, SESSION_COOKIE));
    clearSessionCookie(res, this.config.values.secureCookies);
  }

  @Get('me')
  @UseGuards(MerchantSessionGuard)
  me(@CurrentMerchant() merchant: CurrentMerchantInfo) {
    return merchantView(merchant);
  }

  /** The token forms and scripts send back as `_csrf` or `X-CSRF-Token`. */
  @Get('csrf')
  @UseGuards(MerchantSessionGuard)
  csrf(@CurrentMerchantSession() session: MerchantSessionContext) {
    return { csrfToken: session.csrfToken };
  }

  /** Always 202, whether or not the address has an account. */
  @Post('password-reset')
  @HttpCode(202)
  async requestReset(@Body() body: unknown) {
    await this.accounts.requestPasswordReset(parseInput(resetRequestSchema, body).email);
    return { message: 'Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé.' };
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  async confirmReset(@Body() body: unknown) {
    const input = parseInput(resetConfirmSchema, body);
    await this.accounts.confirmPasswordReset(input.token, input.password);
    return { message: 'Mot de passe modifié : connectez-vous avec le nouveau.' };
  }

  /** Rotation: whatever session the browser had is closed before the new cookie is set. */
  private async startSession(req: Request, res: Response, opened: OpenedSession) {
    await this.sessions.close(readCookie(req, SESSION_COOKIE));
    setSessionCookie(res, opened.token, opened.expiresAt, this.config.values.secureCookies);
    return { merchant: merchantView(opened.merchant), csrfToken: opened.csrfToken };
  }
}

function merchantView(m: CurrentMerchantInfo) {
  return { id: m.id, email: m.email, name: m.name, createdAt: m.createdAt.toISOString() };
}
