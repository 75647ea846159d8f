import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A shop id in a path is a UUID; anything else is a 400 before the database is asked. */
@Injectable()
export class ShopIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new BadRequestException("id : identifiant de boutique invalide (UUID attendu).");
    }
    return value.toLowerCase();
  }
}
