import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

export interface ErrorReply {
  status: number;
  body: { statusCode: number; error: string; message: unknown };
}

/**
 * Every error leaves as {"statusCode","error","message"}. HTTP exceptions keep their
 * status; anything else is logged and answered with a generic 500 that leaks nothing.
 */
export function errorReply(exception: unknown, logger: Logger): ErrorReply {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : ((body as any).message ?? exception.message);
    const error = (typeof body === 'object' && (body as any).error) || statusText(status);
    return { status, body: { statusCode: status, error, message } };
  }
  // Malformed JSON bodies and oversized payloads come from body-parser as plain errors with a status.
  const status = (exception as any)?.status ?? (exception as any)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { statusCode: status, error: statusText(status), message: (exception as Error).message } };
  }
  logger.error((exception as Error)?.stack ?? String(exception));
  return { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Une erreur interne est survenue.' } };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const reply = errorReply(exception, this.logger);
    res.status(reply.status).json(reply.body);
  }
}

function statusText(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') : 'Error';
}
