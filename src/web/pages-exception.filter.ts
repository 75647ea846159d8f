import { Catch, Injectable } from '@nestjs/common';
import { WebExceptionFilter } from './web-exception.filter';
import { WebPages } from './web-pages.service';

/** On page controllers every error is a page. */
@Injectable()
@Catch()
export class PagesExceptionFilter extends WebExceptionFilter {
  constructor(pages: WebPages) {
    super(pages, true);
  }
}
