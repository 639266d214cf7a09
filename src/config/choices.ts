/**
 * The closed vocabularies the config owns itself: the adaptation loop's smoothing kinds and
 * convergence statistics (src/adapt imports them from here). Every other name list of the
 * schema is imported from the layer that implements it: loss, activation and encoding names
 * from src/nn, distribution kinds from src/stimuli, Fisher methods from src/fisher.
 */
export const SMOOTHING_KINDS = ["moving_average", "fourier"] as const;
export type SmoothingKind = (typeof SMOOTHING_KINDS)[number];

export const DISPERSION_STATISTICS = ["var_over_mean", "cv2"] as const;
export type DispersionStatistic = (typeof DISPERSION_STATISTICS)[number];
