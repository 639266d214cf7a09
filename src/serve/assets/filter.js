// The filter box's language: `loss.name = sq_diff and kappa > 2`, `status != finished or (lr < 1e-3 and not stage = pretrain)`.
// Comparisons: = == != < <= > >= and ~ (contains). Values: numbers, bare words or "quoted strings".
// A name matches a column exactly or as its last dotted parts (`kappa` → `data.distribution.kappa`).
// `and` binds tighter than `or`; `not` negates the next term. docs/dashboard.md, "Filter".

const OPS = ["==", "!=", "<=", ">=", "=", "<", ">", "~"];

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === "(" || c === ")") { tokens.push({ t: c }); i++; continue; }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) { tokens.push({ t: "op", v: op === "==" ? "=" : op }); i += op.length; continue; }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed quote at character ${i + 1}`);
      tokens.push({ t: "word", v: text.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s()]/.test(text[j]) && !OPS.some((o) => text.startsWith(o, j))) j++;
    tokens.push({ t: "word", v: text.slice(i, j) });
    i = j;
  }
  return tokens;
}

/** The column a filter name refers to, or an error listing near matches. */
export function resolveColumn(name, columns) {
  if (columns.includes(name)) return name;
  const matches = columns.filter((c) => c.endsWith("." + name) || c.endsWith(":" + name));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new Error(`"${name}" matches ${matches.join(", ")}; write one of them`);
  throw new Error(`no column "${name}"`);
}

function compare(cell, op, value) {
  if (op === "~") return cell !== null && cell !== undefined && String(cell).toLowerCase().includes(String(value).toLowerCase());
  const a = typeof cell === "number" ? cell : Number(cell), b = Number(value);
  const numeric = cell !== null && cell !== undefined && cell !== "" && Number.isFinite(a) && String(value).trim() !== "" && Number.isFinite(b);
  if (op === "=") return numeric ? a === b : String(cell ?? "") === String(value);
  if (op === "!=") return numeric ? a !== b : String(cell ?? "") !== String(value);
  if (!numeric) return false;
  if (op === "<") return a < b;
  if (op === "<=") return a <= b;
  if (op === ">") return a > b;
  return a >= b;
}

/**
 * Compile a filter expression against the table's columns: returns a predicate over flat rows,
 * or throws an Error whose message says what is wrong. The empty expression keeps every row.
 */
export function compileFilter(text, columns) {
  const tokens = tokenize(text ?? "");
  if (tokens.length === 0) return () => true;
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w) => peek()?.t === "word" && !peek().quoted && peek().v.toLowerCase() === w;
  function orExpr() {
    let left = andExpr();
    while (isWord("or")) { pos++; const l = left, r = andExpr(); left = (row) => l(row) || r(row); }
    return left;
  }
  function andExpr() {
    let left = term();
    while (isWord("and")) { pos++; const l = left, r = term(); left = (row) => l(row) && r(row); }
    return left;
  }
  function term() {
    if (isWord("not")) { pos++; const t = term(); return (row) => !t(row); }
    const tok = peek();
    if (!tok) throw new Error("the expression ends too early");
    if (tok.t === "(") {
      pos++;
      const inner = orExpr();
      if (peek()?.t !== ")") throw new Error("missing )");
      pos++;
      return inner;
    }
    if (tok.t !== "word") throw new Error(`expected a column name, got "${tok.v ?? tok.t}"`);
    pos++;
    const column = resolveColumn(tok.v, columns);
    const op = peek();
    if (op?.t !== "op") throw new Error(`expected = != < <= > >= or ~ after "${tok.v}"`);
    pos++;
    const value = peek();
    if (value?.t !== "word") throw new Error(`expected a value after "${tok.v} ${op.v}"`);
    pos++;
    return (row) => compare(row[column], op.v, value.v);
  }
  const predicate = orExpr();
  if (pos < tokens.length) throw new Error(`unexpected "${tokens[pos].v ?? tokens[pos].t}"; join conditions with and / or`);
  return predicate;
}
