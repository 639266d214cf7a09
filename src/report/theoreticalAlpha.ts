/** The exponent efficient-coding theory predicts for a loss, under each of the two budgets. */
export interface TheoreticalAlpha {
  /** The L_q error the loss corresponds to; null when theory makes no prediction for this loss. */
  q: number | null;
  /**
   * Predicted α in I ∝ p^α with a budget on ∫√I dθ (a fixed total discriminability):
   * α = 2/(q+1) (Ganguli & Simoncelli 2014; Wang, Stocker & Lee 2016). The headline prediction.
   */
  alpha: number | null;
  /** Predicted α with a budget on ∫I dθ instead: α = 2/(q+2). */
  alphaFisherBudget: number | null;
  /** One line: which L_q the loss corresponds to, or why there is no prediction. */
  note: string;
}

/**
 * Theoretical α per loss. A code minimising E|error|^q, with error ≈ 1/√I(θ), minimises
 * ∫p(θ)·I(θ)^(−q/2) dθ. Under a budget on ∫√I dθ the Lagrange condition gives √I ∝ p^{1/(q+1)},
 * i.e. α = 2/(q+1) (Ganguli & Simoncelli 2014; Wang, Stocker & Lee 2016); under a budget on ∫I dθ
 * it gives I ∝ p^{2/(q+2)}. Information maximisation is the q → 0 limit (α = 2, or 1 under ∫I).
 * See docs/science.md, "Which exponent to expect".
 */
export function theoreticalAlpha(loss: string): TheoreticalAlpha {
  const lq = (q: number, what: string): TheoreticalAlpha => ({
    q, alpha: 2 / (q + 1), alphaFisherBudget: 2 / (q + 2), note: `${what}: L_q error with q = ${q}; α = 2/(q+1) under ∫√I, 2/(q+2) under ∫I`,
  });
  switch (loss) {
    case "angle_diff": return lq(1, "mean |Δ|");
    case "sq_diff": return lq(2, "mean Δ²");
    case "sqrt_diff": return lq(0.5, "mean |Δ|^½");
    case "infomax": return { q: 0, alpha: 2, alphaFisherBudget: 1, note: "information maximisation: the q → 0 limit; α = 2 under ∫√I, 1 under ∫I" };
    // 1 − cos Δ = Δ²/2 + O(Δ⁴): for the small errors of a trained network it is a squared error
    case "cos_sim": return { ...lq(2, "1 − cos Δ ≈ Δ²/2 for small errors, treated as q = 2"), note: "1 − cos Δ ≈ Δ²/2 for small errors, treated as q = 2; α = 2/3 under ∫√I, 1/2 under ∫I" };
    default: return { q: null, alpha: null, alphaFisherBudget: null, note: `no prediction for loss "${loss}"` };
  }
}
