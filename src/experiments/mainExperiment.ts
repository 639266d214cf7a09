/**
 * The built-in experiment behind `npm start` / `fisherlab run`: the seed's central observation at
 * a scale that runs in minutes on two cores. Pretrain on uniformly distributed angles, fine-tune
 * on a concentrated distribution (von Mises κ = 4 around θ = π) with three losses whose
 * efficient-coding exponents differ (angle_diff α = 1, sq_diff α = 2/3, sqrt_diff α = 4/3), two
 * replicates each, and measure I(θ) of the output after each stage. examples/main.yaml holds the
 * same experiment as a file (a test keeps the two equal).
 */
export const MAIN_EXPERIMENT = {
  name: "main",
  replicates: 2, // two networks per condition: enough to see replicate spread and correlation
  config: {
    seed: 0,
    data: {
      source: "textures", // built-in procedural bank: nothing to download
      train_size: 4096, // half the original 8192 per epoch: rendering dominates an epoch on CPU
      val_size: 1024,
      test_size: 1024,
      distribution: { kind: "vonmises", loc: 0, kappa: 0 }, // κ = 0: uniform pretraining
    },
    model: { hidden: [60, 20], activation: "celu", encoding: "circular" }, // the original small MLP
    loss: { name: "cos_sim" },
    train: { max_epochs: 60, patience: 10 },
  },
  sweep: { "finetune.loss.name": ["angle_diff", "sq_diff", "sqrt_diff"] },
  finetune: [
    {
      name: "concentrated",
      set: {
        "data.distribution.kappa": 4, // the original work swept κ ∈ {0.01, 1, 10}; 4 concentrates clearly without starving the far side
        "data.distribution.loc": 3.141592653589793, // mode at π, away from the domain's seam
        "train.max_epochs": 30, // original fine-tuning: 30-50 epochs
        "train.patience": 10,
      },
    },
  ],
  fisher: [{ method: "derivative", layer: "output", angles: 120 }], // 3° spacing; derivative is the fastest honest estimator
} as const;
