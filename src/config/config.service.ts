import { Injectable } from '@nestjs/common';
import type { AppConfig } from './config.loader';

/** The validated configuration, read once at boot; nothing else reads process.env. */
@Injectable()
export class ConfigService {
  constructor(readonly values: AppConfig) {}
}
