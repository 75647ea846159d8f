import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './config.loader';
import { ConfigService } from './config.service';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(values: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: ConfigService, useValue: new ConfigService(values) }], exports: [ConfigService] };
  }
}
