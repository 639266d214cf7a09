// The face-recognition ResNet as a backbone: face-api's weights, the graph, features and their derivatives (docs/backbone.md).
export { type Act } from "./act.js";
export { type Padding, windowGeometry } from "./convGeometry.js";
export {
  type ConvParams, type ConvGrads, COLS_FLOATS, syncFilters, allocAct, freeAct, convForward, convVjp, reluInPlace, reluVjpInPlace,
  maxPoolForward, avgPoolForward, globalMeanForward, globalMeanVjp, denseForward, padBottomRight, cropTopLeft,
} from "./layers.js";
export { type ResidualParams, type ResidualGrads, type ResidualTape, residualForward, residualVjp } from "./residual.js";
export {
  type FaceResNetParams, type LayerName, INPUT_SIZE, MEAN_RGB, BLOCK_NAMES, LAYER_NAMES, LAYER_SHAPES,
  layerUnits, layerIndex, runStages, inputAct,
} from "./faceResNet.js";
export {
  FACE_API_PACKAGE, WEIGHTS_FILE, MANIFEST_FILE, WEIGHTS_SHA256, faceApiModelDir, readWeightTensors, loadFaceResNetParams,
} from "./faceApiWeights.js";
export { type FeatureOptions, FaceResNet } from "./features.js";
export { TrainableTop, trainableBlocksProblem, trainableInputLayer } from "./trainableTop.js";
