import { ConnectorError, ERROR_KINDS } from '../core/errors';

/**
 * A feed that cannot be read as a product feed at all. Unlike transport errors, the
 * precise cause is known (an HTML page, a missing column…), so the shopkeeper's sentence
 * names it instead of the generic "unexpected format".
 */
export class FeedFormatError extends ConnectorError {
  constructor(readonly frenchMessage: string) {
    super('bad_format', frenchMessage);
  }

  override get diagnosis(): string {
    return `${this.frenchMessage} ${ERROR_KINDS.bad_format.fix}`;
  }
}
