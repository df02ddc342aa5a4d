/** Recorded card data for the unit tests, written by hand from CARDS.md. */

/** EF_Dati_personali of Mario Rossi, written by hand from CARDS.md. */
export const ROSSI_HEADER = '303030303639'; // "000069" = 105 bytes of payload
export const ROSSI_PAYLOAD = [
  '3033 303330', // 1 issuer "030"
  '3038 3031303432303235', // 2 issue date "01042025"
  '3038 3331303332303331', // 3 expiry "31032031"
  '3035 524F535349', // 4 surname "ROSSI"
  '3035 4D4152494F', // 5 given name "MARIO"
  '3038 3132303431393538', // 6 birth date "12041958"
  '3031 4D', // 7 sex "M"
  '3030', // 8 height ""
  '3130 5253534D524135384431324733383843', // 9 CF "RSSMRA58D12G388C"
  '3030', // 10 citizenship ""
  '3034 47333838', // 11 birth municipality "G388"
  '3030', // 12 birth country ""
  '3030', // 13 birth certificate ""
  '3034 47333838', // 14 residence municipality "G388"
  '3042 56494120524F4D41203132', // 15 address "VIA ROMA 12"
  '3030', // 16 notes ""
].join(' ');
export const ROSSI_FILE = `${ROSSI_HEADER} ${ROSSI_PAYLOAD}`;

/** EF_IDCarta of the same card: "8038010000123456" (16 ASCII bytes). */
export const ROSSI_SERIAL = '38303338303130303030313233343536';
