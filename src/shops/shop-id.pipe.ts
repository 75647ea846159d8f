import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isUuid } from '../common/uuid';

/** A shop id in a path is a UUID; anything else is a 400 before the database is asked. */
@Injectable()
export class ShopIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) {
      throw new BadRequestException("id : identifiant de boutique invalide (UUID attendu).");
    }
    return value.toLowerCase();
  }
}
