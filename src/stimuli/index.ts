// Stimuli: angle distributions, image sources (gratings, textures, NPY/IDX/folder banks),
// rotation with the circular mask, identity splits and lazily generated datasets.
export { STIMULI_DEFAULTS } from "./defaults.js";
export { type Domain, type DomainName, OBJECT_DOMAIN, GRATING_DOMAIN, LINEAR_DOMAIN, domainFromName, domainLength, wrapAngle } from "./domain.js";
export type { AngleDistribution, DistributionSpec, DistributionKind } from "./distribution.js";
export { distributionFromSpec, DISTRIBUTION_KEYS, DISTRIBUTION_DEFAULTS } from "./distributionFromSpec.js";
export { vonMises, sampleUnitVonMises, VON_MISES_MAX_KAPPA } from "./vonMises.js";
export { uniform } from "./uniform.js";
export { normal } from "./normal.js";
export { tabulated } from "./tabulated.js";
export { i0e } from "./bessel.js";
export { rotateImage, rotateInto, rotationDerivative, circularMask, checkDerivativeStep } from "./rotate.js";
export { resizeImage } from "./resize.js";
export { type ImageBank, bankImage } from "./imageBank.js";
export { textureBank } from "./textures.js";
export { type GratingOptions, GRATING_DEFAULTS, renderGrating } from "./gratings.js";
export { npyBank, npyGrey } from "./npyBank.js";
export { idxBank } from "./idxBank.js";
export { folderBank } from "./folderBank.js";
export { type SourceSpec, type StimulusSource, parseSourceSpec, loadSource, bankSource, gratingSource } from "./source.js";
export { type SplitName, SPLIT_NAMES, splitSizes, splitIdentities } from "./split.js";
export { type Batch, type Dataset, type DatasetOptions, createDataset, renderAngles, renderWithDerivative } from "./dataset.js";
export { contactSheet } from "./contactSheet.js";
export { runIdentities, type RunSplit } from "./runIdentities.js";
export { resampleIdentities, type IdentityResample } from "./resampleIdentities.js";
