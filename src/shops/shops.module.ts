import { Global, Module } from '@nestjs/common';
import { ShopDirectory } from './shop-directory.service';

@Global()
@Module({
  providers: [ShopDirectory],
  exports: [ShopDirectory],
})
export class ShopsModule {}
