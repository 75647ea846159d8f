import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ConfigService } from '../config/config.service';
import { readCookie } from '../merchants/request-cookies';
import { parseInput } from '../shops/input-validation';
import { ADMIN_COOKIE, AdminSessionSigner, equal } from './admin-session';
import { AdminTokenGuard } from './admin-token.guard';

const signInSchema = z.object(
  { token: z.string({ error: 'texte attendu.' }).min(1, 'ne peut pas être vide.').max(500, '500 caractères au plus.') },
  { error: 'le corps de la requête doit être un objet JSON.' },
);

/** The admin pages sign in once with ADMIN_TOKEN and then carry a signed 12-hour cookie. */
@Controller('api/admin/session')
export class AdminSessionController {
  private readonly signer: AdminSessionSigner;

  constructor(private readonly config: ConfigService) {
    this.signer = new AdminSessionSigner(config.values.adminToken);
  }

  @Post()
  @HttpCode(200)
  signIn(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { token } = parseInput(signInSchema, body);
    if (!equal(this.config.values.adminToken, token.trim())) throw new UnauthorizedException("Jeton d'administration invalide.");
    const session = this.signer.issue();
    res.cookie(ADMIN_COOKIE, session.value, { httpOnly: true, sameSite: 'lax', secure: this.config.values.secureCookies, path: '/', expires: session.expiresAt });
    return { csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  }

  /** The CSRF token of the current cookie session (null when signed in by bearer token). */
  @Get()
  @UseGuards(AdminTokenGuard)
  current(@Req() req: Request) {
    const session = req.headers.authorization === undefined ? this.signer.verify(readCookie(req, ADMIN_COOKIE)) : null;
    return { csrfToken: session?.csrfToken ?? null, expiresAt: session?.expiresAt.toISOString() ?? null };
  }

  @Delete()
  @HttpCode(204)
  signOut(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(ADMIN_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.config.values.secureCookies, path: '/' });
  }
}
