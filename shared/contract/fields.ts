import { z } from 'zod';

/** Field schemas several features of the contract share. */

export const Phone = z.string().trim().max(40).regex(/^[0-9+ ()./-]*$/, 'Il numero di telefono può contenere solo cifre, spazi e + ( ) . / -');
export const ShortText = z.string().trim().max(500);
export const Id = z.number().int().positive();

/** The empty input of calls that take none. */
export const NoInput = z.object({});
