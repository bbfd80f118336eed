// Types of flags.mjs (the values are there, once).
export declare const CATEGORY_MASK: number
export declare const SAMPLE: number
export declare const STATUS_SHIFT: number
export declare const STATUS_MASK: number
export declare const DAYS_SHIFT: number
export declare const DAYS_MASK: number
export declare const BAND_COUNT_MASK: number
export declare const BAND_SHIFT: number
export declare const BAND_BITS: number
export declare const BAND_MASK: number
