import { Body, ConflictException, Controller, Get, HttpException, Post, Query, Req, Res, UnauthorizedException, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TooManyAttemptsException } from '../../merchants/login-throttle';
import { MerchantAccounts } from '../../merchants/merchant-accounts.service';
import { resetConfirmSchema, resetRequestSchema, signInSchema, signUpSchema } from '../../merchants/merchant-input.schema';
import { MerchantShops } from '../../merchants/merchant-shops.service';
import { WebPages } from '../web-pages.service';
import { echo, parseForm, text } from './form-input';
import { MerchantPageSessions, safeReturn, SPACE } from './merchant-page-session';
import { MerchantPagesFilter } from './merchant-pages.filter';
import { sendSpacePage } from './space-page';
import { forgotPasswordPage, resetPasswordPage, signInPage, signUpPage, spaceFrame } from './templates/account-pages';
import { Notice } from './templates/form-fields';
import { homePage } from './templates/home-page';

type Form = Record<string, unknown> | undefined;

const NOTICES: Record<string, Notice> = {
  bienvenue: { kind: 'ok', text: 'Votre espace est créé. Ajoutez maintenant votre boutique.' },
  'mot-de-passe': { kind: 'ok', text: 'Mot de passe modifié : connectez-vous avec le nouveau.' },
  deconnecte: { kind: 'info', text: 'Vous êtes déconnecté.' },
};

/** Sign-up, sign-in, sign-out, password reset and the merchant's home (their shops). */
@Controller('espace-commercant')
@UseFilters(MerchantPagesFilter)
export class MerchantAccountPagesController {
  constructor(
    private readonly accounts: MerchantAccounts,
    private readonly sessions: MerchantPageSessions,
    private readonly shops: MerchantShops,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response, @Query('message') message?: string): Promise<void> {
    const session = await this.sessions.require(req);
    const shops = await this.shops.list(session.merchant.id);
    const body = homePage({ name: session.merchant.name, shops, notice: typeof message === 'string' ? NOTICES[message] : undefined });
    sendSpacePage(this.pages, res, 'Mes boutiques', spaceFrame({ email: session.merchant.email, csrf: session.csrfToken, current: 'boutiques', body }));
  }

  @Get('inscription')
  async signUpForm(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.sessions.current(req)) return res.redirect(303, SPACE);
    sendSpacePage(this.pages, res, 'Créer mon espace commerçant', signUpPage({}));
  }

  @Post('inscription')
  async signUp(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const values = echo(body, ['name', 'email']);
    const input = { email: values.email, password: typeof body?.password === 'string' ? body.password : '', ...(values.name ? { name: values.name } : {}) };
    const parsed = parseForm(signUpSchema, input);
    if (!parsed.ok) return sendSpacePage(this.pages, res, 'Créer mon espace commerçant', signUpPage({ values, errors: parsed.errors }), 400);
    try {
      await this.sessions.open(req, res, await this.accounts.signUp(parsed.data));
    } catch (e) {
      if (e instanceof ConflictException) return sendSpacePage(this.pages, res, 'Créer mon espace commerçant', signUpPage({ values, errors: { email: e.message } }), 409);
      throw e;
    }
    res.redirect(303, `${SPACE}?message=bienvenue`);
  }

  @Get('connexion')
  async signInForm(@Req() req: Request, @Res() res: Response, @Query('retour') retour?: string, @Query('message') message?: string): Promise<void> {
    if (await this.sessions.current(req)) return res.redirect(303, safeReturn(retour));
    const returnTo = retour ? safeReturn(retour) : undefined;
    sendSpacePage(this.pages, res, 'Connexion à l’espace commerçant', signInPage({ returnTo, notice: typeof message === 'string' ? NOTICES[message] : undefined }));
  }

  @Post('connexion')
  async signIn(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const email = text(body, 'email');
    const returnTo = body?.retour ? safeReturn(body.retour) : undefined;
    const again = (errors: Record<string, string>, status: number) =>
      sendSpacePage(this.pages, res, 'Connexion à l’espace commerçant', signInPage({ email, errors, returnTo }), status);
    const parsed = parseForm(signInSchema, { email, password: typeof body?.password === 'string' ? body.password : '' });
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      await this.sessions.open(req, res, await this.accounts.signIn(parsed.data, req.ip ?? 'unknown'));
    } catch (e) {
      if (e instanceof TooManyAttemptsException) {
        res.setHeader('Retry-After', String(e.retryAfterSeconds));
        return again({ _form: messageOf(e) }, 429);
      }
      if (e instanceof UnauthorizedException) return again({ _form: e.message }, 401);
      throw e;
    }
    res.redirect(303, returnTo ?? SPACE);
  }

  /** Signing out needs the form's token too: a third-party page cannot sign a merchant out. */
  @Post('deconnexion')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.requireForm(req);
    await this.sessions.close(req, res);
    res.redirect(303, `${SPACE}/connexion?message=deconnecte`);
  }

  @Get('mot-de-passe-oublie')
  forgotForm(@Res() res: Response, @Query('envoye') sent?: string): void {
    sendSpacePage(this.pages, res, 'Mot de passe oublié', forgotPasswordPage({ sent: sent === '1' }));
  }

  @Post('mot-de-passe-oublie')
  async forgot(@Body() body: Form, @Res() res: Response): Promise<void> {
    const email = text(body, 'email');
    const parsed = parseForm(resetRequestSchema, { email });
    if (!parsed.ok) return sendSpacePage(this.pages, res, 'Mot de passe oublié', forgotPasswordPage({ email, errors: parsed.errors }), 400);
    await this.accounts.requestPasswordReset(parsed.data.email);
    res.redirect(303, `${SPACE}/mot-de-passe-oublie?envoye=1`);
  }

  /** The link the reset e-mail carries (RESET_PATH). */
  @Get('mot-de-passe')
  resetForm(@Res() res: Response, @Query('token') token?: string): void {
    if (typeof token !== 'string' || !token) return res.redirect(303, `${SPACE}/mot-de-passe-oublie`);
    sendSpacePage(this.pages, res, 'Nouveau mot de passe', resetPasswordPage({ token }));
  }

  @Post('mot-de-passe')
  async reset(@Body() body: Form, @Res() res: Response): Promise<void> {
    const token = text(body, 'token');
    const parsed = parseForm(resetConfirmSchema, { token, password: typeof body?.password === 'string' ? body.password : '' }, (p) => (p[0] === 'token' ? '_form' : (p[0] ?? '_form')));
    if (!parsed.ok) return sendSpacePage(this.pages, res, 'Nouveau mot de passe', resetPasswordPage({ token, errors: parsed.errors }), 400);
    try {
      await this.accounts.confirmPasswordReset(parsed.data.token, parsed.data.password);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === 400) return sendSpacePage(this.pages, res, 'Nouveau mot de passe', resetPasswordPage({ token, errors: { _form: e.message } }), 400);
      throw e;
    }
    res.redirect(303, `${SPACE}/connexion?message=mot-de-passe`);
  }
}

function messageOf(e: HttpException): string {
  const body = e.getResponse();
  return typeof body === 'object' && body && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : e.message;
}
