/** config.data.noise: extra shot noise on every rendered image. */
export interface ShotNoise {
  readonly shot: number;
  readonly variance: number;
}
