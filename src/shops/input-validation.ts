import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Parses request input or answers 400 with one French sentence per problem, each
 * naming its field ("website : adresse http:// ou https:// attendue.").
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    const line = field ? `${field} : ${issue.message}` : issue.message;
    if (!seen.has(line)) messages.push(line);
    seen.add(line);
  }
  throw new BadRequestException(messages.join(' '));
}
