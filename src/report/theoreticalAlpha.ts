/** The exponent efficient-coding theory predicts for a loss, with the reasoning behind it. */
export interface TheoreticalAlpha {
  /** Predicted α in I ∝ p^α, or null when theory makes no prediction for this loss. */
  alpha: number | null;
  /** One line: which L_q the loss corresponds to, or why there is no prediction. */
  note: string;
}

/**
 * Theoretical α per loss (Ganguli & Simoncelli 2014; Wang, Stocker & Lee 2016; docs/science.md): a code
 * minimising the L_q norm of the error has √I ∝ p^{1/(q+1)}, i.e. α = 2/(q+1).
 */
export function theoreticalAlpha(loss: string): TheoreticalAlpha {
  const q = (qv: number, what: string) => ({ alpha: 2 / (qv + 1), note: `${what}: L_q error with q = ${qv}, α = 2/(q+1)` });
  switch (loss) {
    case "angle_diff": return q(1, "mean |Δ|");
    case "sq_diff": return q(2, "mean Δ²");
    case "sqrt_diff": return q(0.5, "mean |Δ|^½");
    case "infomax": return { alpha: 2, note: "information maximisation: the q → 0 limit, α = 2" };
    // 1 − cos Δ = Δ²/2 + O(Δ⁴): for the small errors of a trained network it is a squared error
    case "cos_sim": return { alpha: 2 / 3, note: "1 − cos Δ ≈ Δ²/2 for small errors, treated as q = 2 (α = 2/3)" };
    default: return { alpha: null, note: `no prediction for loss "${loss}"` };
  }
}
