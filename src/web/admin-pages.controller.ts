import { Body, ConflictException, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isUuid } from '../common/uuid';
import { ShopModeration } from '../shops/shop-moderation.service';
import { runView, SyncService } from '../sync/sync.service';
import { AdminSessions } from './admin-session';
import { PagesExceptionFilter } from './pages-exception.filter';
import { adminDashboard, adminSignInPage, FleetRow, FleetSort, sortFleet } from './templates/admin-pages';
import { WebPages } from './web-pages.service';

const RUNS_SHOWN = 12;

/** What a finished action says on the dashboard (codes only: no request text is echoed). */
const NOTICES: Record<string, { kind: 'ok' | 'error'; text: string }> = {
  'sync': { kind: 'ok', text: 'Synchronisation lancée. Rechargez la page dans un instant pour voir son résultat.' },
  'deletions': { kind: 'ok', text: 'Suppressions confirmées : les produits retirés par la boutique ont quitté la rue.' },
  'approved': { kind: 'ok', text: 'Boutique approuvée : elle sera en ligne après sa première synchronisation.' },
  'rejected': { kind: 'ok', text: 'Boutique refusée.' },
  'reason': { kind: 'error', text: 'Indiquez le motif du refus.' },
  'csrf': { kind: 'error', text: 'Le formulaire a expiré. Recommencez.' },
  'failed': { kind: 'error', text: "L'action n'a pas abouti." },
  'busy': { kind: 'error', text: 'Une synchronisation de cette boutique est en cours : réessayez dans un instant.' },
};

/** The admin team's pages: sign-in, approval queue and the fleet's sync health. */
@Controller('admin')
@UseFilters(PagesExceptionFilter)
export class AdminPagesController {
  constructor(
    private readonly sessions: AdminSessions,
    private readonly sync: SyncService,
    private readonly moderation: ShopModeration,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async dashboard(@Req() req: Request, @Res() res: Response, @Query('tri') tri?: string, @Query('message') message?: string): Promise<void> {
    const session = this.sessions.current(req);
    if (!session) return this.signIn(res);
    const sort: FleetSort = tri === 'nom' || tri === 'produits' ? tri : 'etat';
    const health = await this.sync.fleetHealth();
    const rows: FleetRow[] = await Promise.all(
      health.map(async (h) => ({ ...h, lastRun: h.lastRun, runs: (await this.sync.listRuns(h.shopId, RUNS_SHOWN)).map(runView) })),
    );
    this.pages.send(
      res,
      {
        title: 'Administration',
        section: 'admin',
        script: false,
        body: adminDashboard({
          csrf: this.sessions.csrfToken(session),
          fleet: sortFleet(rows.filter((r) => r.status !== 'pending'), sort),
          pending: rows.filter((r) => r.status === 'pending'),
          sort,
          notice: typeof message === 'string' ? NOTICES[message] : undefined,
        }),
      },
      { cache: 'no-store' },
    );
  }

  @Post('connexion')
  signInSubmit(@Body() body: Record<string, unknown> | undefined, @Res() res: Response): void {
    if (!this.sessions.tokenMatches(body?.token)) return this.signIn(res, "Ce jeton n'est pas le bon.", 401);
    this.sessions.open(res);
    res.redirect(303, '/admin');
  }

  @Post('deconnexion')
  signOut(@Req() req: Request, @Body() body: Record<string, unknown> | undefined, @Res() res: Response): void {
    const session = this.sessions.current(req);
    if (session && this.sessions.csrfValid(session, body?._csrf)) this.sessions.close(res);
    res.redirect(303, '/admin');
  }

  @Post('boutiques/:id/:action')
  async act(@Param('id') id: string, @Param('action') action: string, @Req() req: Request, @Body() body: Record<string, unknown> | undefined, @Res() res: Response): Promise<void> {
    const session = this.sessions.current(req);
    if (!session) return res.redirect(303, '/admin');
    if (!this.sessions.csrfValid(session, body?._csrf)) return res.redirect(303, '/admin?message=csrf');
    if (!isUuid(id)) return res.redirect(303, '/admin?message=failed');
    const done = (code: string) => res.redirect(303, `/admin?message=${code}`);
    try {
      switch (action) {
        case 'synchroniser':
          await this.sync.requestSync(id.toLowerCase());
          return done('sync');
        case 'confirmer-suppressions':
          await this.sync.confirmHeldDeletions(id.toLowerCase());
          return done('deletions');
        case 'approuver':
          await this.moderation.setStatus(id.toLowerCase(), { status: 'approved' });
          return done('approved');
        case 'refuser': {
          const reason = typeof body?.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
          if (!reason) return done('reason');
          await this.moderation.setStatus(id.toLowerCase(), { status: 'rejected', reason });
          return done('rejected');
        }
        default:
          return done('failed');
      }
    } catch (e) {
      if (e instanceof ConflictException && action === 'confirmer-suppressions') return done('busy');
      if (e instanceof HttpException && e.getStatus() < 500) return done('failed');
      throw e;
    }
  }

  private signIn(res: Response, error?: string, status = 200): void {
    this.pages.send(res, { title: 'Connexion administrateur', section: 'admin', script: false, body: adminSignInPage(error) }, { status, cache: 'no-store' });
  }
}
