import { Module } from '@nestjs/common';
import { ClickCounter } from './click-counter.service';
import { ClickRepository } from './click.repository';
import { ClickTargetService } from './click-target.service';
import { ClicksController } from './clicks.controller';

/** The /go click-out and the per-product, per-day click counts. */
@Module({
  controllers: [ClicksController],
  providers: [ClickRepository, ClickCounter, ClickTargetService],
  exports: [ClickRepository],
})
export class ClicksModule {}
