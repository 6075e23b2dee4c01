import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NumberType } from '../extract/observation.js';
import type { Rng } from './random.js';

/**
 * Fictional but valid US numbers: real area codes and exchanges that libphonenumber-js (max metadata)
 * accepts as valid. Every planted number passes `isValid()`; 555 exchanges are avoided on purpose
 * (555-01xx numbers are fiction-only and not valid numbers).
 */
const GEOGRAPHIC_AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231,
  234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307,
  308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 325, 330, 334, 336, 337, 339, 347, 351,
  352, 360, 361, 385, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 424,
  425, 432, 434, 435, 440, 443, 458, 469, 470, 475, 478, 479, 480, 484, 501, 502, 503, 504, 505, 507, 508, 509,
  510, 512, 513, 515, 516, 517, 518, 520, 530, 540, 541, 551, 559, 561, 562, 563, 567, 570, 571, 573, 574, 580,
  585, 586, 601, 602, 603, 605, 606, 607, 608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 620, 623, 626, 630,
  631, 636, 641, 646, 650, 651, 660, 661, 662, 678, 682, 701, 702, 703, 704, 706, 707, 708, 712, 713, 714, 715,
  716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 754, 757, 760, 763, 765, 770, 772, 773, 774, 775, 781,
  785, 786, 801, 802, 803, 804, 805, 806, 808, 810, 812, 813, 814, 815, 816, 817, 818, 828, 830, 831, 832, 843,
  845, 847, 848, 850, 856, 857, 858, 859, 860, 862, 863, 864, 865, 870, 901, 903, 904, 906, 907, 908, 909, 910,
  912, 913, 914, 915, 916, 917, 918, 919, 920, 925, 928, 931, 936, 937, 940, 941, 947, 949, 951, 952, 954, 956,
  970, 971, 972, 973, 978, 979, 980, 985, 989,
];
export const TOLL_FREE_AREA_CODES = [800, 833, 844, 855, 866, 877, 888];

export interface NumberInfo {
  e164: string;
  numberType: NumberType;
}

/** libphonenumber's verdict on a +1 number, or null when it is not a valid number. */
export function checkNanp(e164: string): NumberInfo | null {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed || !parsed.isValid() || parsed.country !== 'US') return null;
  return { e164, numberType: (parsed.getType() ?? 'UNKNOWN') as NumberType };
}

/**
 * Picks an unused NPA-NXX (the DID block prefix) whose numbers are valid. `used` collects the prefixes
 * already taken so that no two planted blocks share a prefix (they would merge in clustering).
 */
export function pickBlockPrefix(rng: Rng, tollFree: boolean, used: Set<string>): string {
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const npa = tollFree ? rng.pick(TOLL_FREE_AREA_CODES) : rng.pick(GEOGRAPHIC_AREA_CODES);
    const nxx = rng.int(200, 999);
    if (nxx % 100 === 11 || nxx === 555 || nxx === 950 || nxx === 958 || nxx === 959 || nxx === 976) continue;
    const prefix = `+1${npa}${nxx}`;
    if (used.has(prefix)) continue;
    if (!checkNanp(`${prefix}4321`)) continue;
    used.add(prefix);
    return prefix;
  }
  throw new Error('could not find a free valid NANP prefix');
}

/** Digits of a NANP E.164 number without the country code: `8047134598`. */
export function nationalDigits(e164: string): string {
  return e164.slice(2);
}
