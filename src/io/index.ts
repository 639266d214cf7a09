// File formats and terminal output shared by every layer: atomic writes, NPY, CSV, PNG,
// progress, finding a compiled worker module, and fisherlab's own package (root, version).
export { writeFileAtomic, writeAtomically } from "./atomic.js";
export { encodeNpy, decodeNpy, writeNpy, writeNpyStream, readNpy, type NpyArray } from "./npy.js";
export { toCsv, writeCsv, readCsv, type CsvValue } from "./csv.js";
export { encodePng, greyPng } from "./png.js";
export { progress, formatDuration, type Progress, type ProgressOptions } from "./progress.js";
export { readNumbers } from "./readNumbers.js";
export { systemError, withSystemErrors, isSystemError, errnoCode, SystemError } from "./systemError.js";
export { compiledSibling, compiledModuleExists } from "./compiledModule.js";
export { fisherlabRoot, fisherlabVersion } from "./fisherlabPackage.js";
export { isDirectory } from "./isDirectory.js";
