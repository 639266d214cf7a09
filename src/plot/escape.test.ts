import { describe, expect, it } from "vitest";
import { escapeXml } from "./escape.js";

describe("escapeXml", () => {
  it("escapeXml() escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">'b' & c</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;b&#39; &amp; c&lt;/a&gt;");
  });

  it("escapeXml() leaves other text, including Unicode, unchanged", () => {
    expect(escapeXml("I(θ) (rad⁻²) √I")).toBe("I(θ) (rad⁻²) √I");
    expect(escapeXml("")).toBe("");
  });
});
