import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Paths that are not public (operators and admins): never throttled here. */
const EXEMPT = /^\/(api\/admin\/|health$|metrics$)/;

/**
 * PUBLIC_RATE_LIMIT requests per minute per client on the public endpoints (search,
 * suggest, shops, click-out, pages). A limit of 0 turns throttling off.
 */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  protected async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ path?: string; url?: string }>();
    return EXEMPT.test(req.path ?? req.url ?? '');
  }
}
