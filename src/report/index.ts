// Plots and the HTML report.
export { encodePng, greyPng } from "./png.js";
