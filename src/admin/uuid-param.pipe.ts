import { BadRequestException, PipeTransform } from '@nestjs/common';
import { isUuid } from '../common/uuid';


/** Route ids are UUIDs; anything else is a 400, not a database error. */
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!isUuid(value)) throw new BadRequestException(`Paramètre ${this.name} invalide : un identifiant UUID est attendu.`);
    return value.toLowerCase();
  }
}

