import { z } from 'zod';

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'champ obligatoire.' : `${what} attendu.`);

export const PASSWORD_MIN = 10;

/** Lower-cased: one account per address, however it is typed. */
const email = z
  .string({ error: required('texte') })
  .trim()
  .toLowerCase()
  .max(254, '254 caractères au plus.')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'adresse e-mail invalide.');

/** Passwords are never echoed in messages; the upper bound keeps hashing cheap to refuse. */
const newPassword = z
  .string({ error: required('texte') })
  .min(PASSWORD_MIN, `${PASSWORD_MIN} caractères au moins.`)
  .max(200, '200 caractères au plus.');

const body = { error: 'le corps de la requête doit être un objet JSON.' };

export const signUpSchema = z.object(
  {
    email,
    password: newPassword,
    name: z.string({ error: 'texte attendu.' }).trim().max(120, '120 caractères au plus.').optional(),
  },
  body,
);

export const signInSchema = z.object(
  {
    email,
    password: z.string({ error: required('texte') }).min(1, 'ne peut pas être vide.').max(200, '200 caractères au plus.'),
  },
  body,
);

export const resetRequestSchema = z.object({ email }, body);

export const resetConfirmSchema = z.object(
  {
    token: z.string({ error: required('texte') }).trim().min(1, 'ne peut pas être vide.').max(200, '200 caractères au plus.'),
    password: newPassword,
  },
  body,
);
