import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's console logger, except that start-up failures (context "ExceptionHandler") are
 * printed by main.ts as one sentence rather than as a stack trace.
 */
export class AppLogger extends ConsoleLogger {
  constructor(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose') {
    super('Vitrines', { logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1) });
  }

  error(message: unknown, ...rest: unknown[]): void {
    if (rest.includes('ExceptionHandler')) return;
    // main.ts reports a port already in use as one sentence of its own.
    if (rest.includes('NestApplication') && /EADDRINUSE|EADDRNOTAVAIL/.test(String(message))) return;
    super.error(message, ...(rest as [string?, string?]));
  }
}
