/**
 * Escape text for XML/HTML element content and attribute values. Every string that reaches an
 * SVG or the HTML report (titles, condition names, YAML) passes through here, so a condition
 * called `a<b & "c"` renders as text instead of breaking the document.
 */
export function escapeXml(text: string): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
