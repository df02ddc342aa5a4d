import { MAX_SCAN_BYTES } from '../../shared/contract/enrollment';
import { AppError } from '../../shared/errors';

/** A scan of a signed copy: a PDF from the studio's scanner or a photo. */
export const SCAN_MEDIA_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
} as const;
export type ScanMediaType = keyof typeof SCAN_MEDIA_TYPES;

export class ScanFormatError extends AppError {
  constructor(code: 'scan-empty' | 'scan-too-large' | 'scan-unknown-format', message: string, userMessage: string) {
    super(code, message, userMessage);
  }
}

/** The type the bytes really are (their signature), whatever the file's name says. */
export function scanMediaType(bytes: Uint8Array): ScanMediaType {
  if (bytes.length === 0) throw new ScanFormatError('scan-empty', 'scan file is empty', 'Il file scelto è vuoto.');
  if (bytes.length > MAX_SCAN_BYTES) {
    throw new ScanFormatError('scan-too-large', `scan of ${bytes.length} bytes exceeds ${MAX_SCAN_BYTES}`, `Il file è troppo grande (${(bytes.length / 1048576).toFixed(1)} MB): il massimo è 10 MB. Scansionare a 200-300 dpi.`);
  }
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  throw new ScanFormatError('scan-unknown-format', 'scan is not a PDF, JPEG, PNG or TIFF file', 'Il file non è una scansione leggibile: allegare un PDF o un\'immagine JPEG, PNG o TIFF.');
}
