import { z } from 'zod';
import { encodePersonalData, PERSONAL_DATA_PATH, PersonalDataSpec } from './personalData';
import { CardImage, CardImageFields, checkFileTree } from './virtualCard';

/**
 * A card image as stored in native/virtual/images: the virtual card's files, except that a
 * Tessera Sanitaria's EF_Dati_personali may be given by its fields (`personalData`) and written
 * when the card goes in, its dates counted from that day (see personalData.ts).
 */
export const CardImageFile = CardImageFields.extend({ personalData: PersonalDataSpec.optional() }).superRefine((image, ctx) => {
  checkFileTree(image.files, ctx);
  if (image.personalData && image.files[PERSONAL_DATA_PATH] !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['personalData'], message: `${PERSONAL_DATA_PATH} given both as bytes and as personalData` });
  }
});
export type CardImageFile = z.infer<typeof CardImageFile>;

/** The card as it is on `today` (ISO): an image of bytes only, for VirtualCard. */
export function cardOn(file: CardImageFile, today: string): CardImage {
  const { personalData, ...image } = file;
  if (!personalData) return CardImage.parse(image);
  return CardImage.parse({ ...image, files: { ...image.files, [PERSONAL_DATA_PATH]: encodePersonalData(personalData, today).toString('hex').toUpperCase() } });
}
