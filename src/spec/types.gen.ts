// Spec types generated from schemas/experiment.schema.json by scripts/gen-spec-types.ts; do not edit.
// They describe a spec after loading: every property with a schema default is present.

/**
 * One published number: the accuracy of a mix, or the value of a gap row (e.g. P_Long - P_Short).
 */
export type ExpectedCell = {
  /**
   * Student size.
   */
  size: string
  /**
   * Mix name (or mix/stage when the grid has several methods or stages).
   */
  mix?: string
  /**
   * Gap row name (report.gaps[].name, default 'minuend - subtrahend'), instead of mix.
   */
  gap?: string
  /**
   * Eval set name, or 'avg'.
   */
  eval: string
  /**
   * Expected accuracy in percent, or gap in points (may be negative).
   */
  value: number
  /**
   * Allowed absolute difference in percentage points.
   */
  tolerance: number
} & ExpectedCell1
export type ExpectedCell1 = {
  [k: string]: unknown
}

/**
 * A chain-of-thought distillation experiment: data, teachers, judge, mixes, students, training, evaluation and report.
 */
export interface Experiment {
  /**
   * Editor hint; ignored by the engine.
   */
  $schema?: string
  /**
   * Spec files merged under this one (paths relative to this file; later files and this file win).
   */
  include?: string[]
  /**
   * Experiment name: lower-case letters, digits, '.', '_' and '-'. Names the run records under runs/.
   */
  name: string
  /**
   * Free text shown in the report.
   */
  description?: string
  /**
   * Master seed for data, mixes, training and sampling.
   */
  seed: number
  data: Data
  /**
   * Named teachers; each name can be used in mixes.
   */
  teachers: {
    [k: string]: Teacher
  }
  judge: PluginRef
  filter: Filter
  mixing: Mixing
  /**
   * Named training sets: weights over teacher names (normalised; at least one positive).
   */
  mixes: {
    /**
     * Teacher name -> weight (>= 0).
     */
    [k: string]: {
      /**
       * Weight of this teacher in the mix.
       */
      [k: string]: number
    }
  }
  students: Students
  train: Train
  evaluate: Evaluate
  report: Report
  backend?: PluginRef
  /**
   * Published numbers to compare with; each cell is marked pass or fail in the report.
   */
  expected?: ExpectedCell[]
  /**
   * Spend limits for paid calls.
   */
  budget?: {
    /**
     * Stop making new teacher and judge calls once this many US dollars are spent.
     */
    usd?: number
  }
  /**
   * Train/eval overlap check (normalised question text).
   */
  leakage: {
    /**
     * What an overlap between training problems and an eval set does.
     */
    on_overlap: "warn" | "error"
  }
}
/**
 * Where problems come from.
 */
export interface Data {
  train: PluginRef
  /**
   * Named evaluation sets (dataset plugins).
   */
  eval: {
    [k: string]: EvalSet
  }
}
/**
 * A plugin and its configuration.
 */
export interface PluginRef {
  /**
   * Plugin name, a relative path to a plugin module, or an npm package name.
   */
  use: string
  /**
   * The plugin's configuration, validated by the plugin's own schema.
   */
  with?: {
    [k: string]: unknown
  }
}
/**
 * An evaluation set: a dataset plugin, and how its problems are put to students.
 */
export interface EvalSet {
  /**
   * Plugin name, a relative path to a plugin module, or an npm package name.
   */
  use: string
  /**
   * The plugin's configuration, validated by the plugin's own schema.
   */
  with?: {
    [k: string]: unknown
  }
  /**
   * Prompt template for this set; {problem} is replaced (default: train.prompt, the prompt students were trained on).
   */
  prompt?: string
  /**
   * Stop strings for this set, added to evaluate.stop.
   *
   * @maxItems 32
   */
  stop?: string[]
}
/**
 * A teacher plugin with its prompt, sampling and call limits.
 */
export interface Teacher {
  /**
   * Teacher plugin name, path or npm package.
   */
  use: string
  /**
   * The plugin's configuration, validated by the plugin's own schema.
   */
  with?: {
    [k: string]: unknown
  }
  /**
   * Prompt template; {problem} is replaced by the question. Default: the paper's 'Solve the following math problem...' prompt.
   */
  prompt?: string
  /**
   * System prompt, when the provider supports one.
   */
  system?: string
  /**
   * Completions per problem (n).
   */
  samples: number
  /**
   * Sampling temperature.
   */
  temperature: number
  /**
   * Maximum output tokens per completion.
   */
  max_tokens: number
  /**
   * Stop strings.
   */
  stop?: string[]
  /**
   * Rate limits shared by every node using the same provider key.
   */
  limits: {
    /**
     * Maximum requests per minute.
     */
    requests_per_minute?: number
    /**
     * Maximum input+output tokens per minute.
     */
    tokens_per_minute?: number
    /**
     * Requests in flight at once.
     */
    concurrency: number
    /**
     * Attempts per sample before it is dead-lettered.
     */
    max_attempts: number
    /**
     * Timeout of one attempt in milliseconds.
     */
    timeout_ms: number
  }
  /**
   * Price override in US dollars per million tokens.
   */
  price?: {
    /**
     * USD per million input tokens.
     */
    input_per_m: number
    /**
     * USD per million output tokens.
     */
    output_per_m: number
  }
  /**
   * Expected output tokens per completion, for plan estimates before any run.
   */
  expected_output_tokens?: number
}
/**
 * Which judged traces are kept for training.
 */
export interface Filter {
  /**
   * 'all' correct traces, the 'first' correct one per problem, or up to max_per_problem correct ones.
   */
  keep:
    | ("all" | "first")
    | {
        /**
         * Correct traces kept per problem.
         */
        max_per_problem: number
      }
}
/**
 * How every mix is built from the weights.
 */
export interface Mixing {
  /**
   * per-problem: each problem once, its trace drawn from one teacher by the weights; concat: the teachers' traces concatenated in the weights' ratio.
   */
  mode: "per-problem" | "concat"
  /**
   * Whether weights count examples or output tokens.
   */
  by: "examples" | "tokens"
  /**
   * per-problem mode: problems with a kept trace from every teacher of the mix, or from any.
   */
  problems: "intersection" | "union"
  /**
   * How a teacher response becomes a training target: free (thoughts, a blank line, then the answer text; the paper's free CoT), thoughts-answer (pali_reason's 'Thoughts:\n{thoughts}\nAnswer:\n{answer}'), think-answer (the Toaster's '<think>{thoughts}</think>\n\n<answer>{answer}</answer>'), or a custom template with {thoughts} and {answer}.
   */
  template: string
}
/**
 * The student family and its size grid.
 */
export interface Students {
  /**
   * Student family known to the trainer (e.g. tiny).
   */
  family: string
  /**
   * Sizes to train, smallest first.
   *
   * @minItems 1
   * @maxItems 64
   */
  sizes: [string, ...string[]]
  trainer?: PluginRef
  /**
   * Architecture overrides per size name (e.g. d_model, n_layers).
   */
  size_config?: {
    [k: string]: SizeDims
  }
}
/**
 * Dimensions of one student size; the trainer checks which keys its family takes.
 */
export interface SizeDims {
  /**
   * Model (embedding) width.
   */
  d_model?: number
  /**
   * Transformer blocks.
   */
  n_layers?: number
  /**
   * Attention heads.
   */
  n_heads?: number
  /**
   * Feed-forward width.
   */
  d_ff?: number
  /**
   * Longest sequence in tokens.
   */
  max_len?: number
  /**
   * Another dimension the trainer's family takes.
   */
  [k: string]: number | string | boolean | undefined
}
/**
 * Training method and hyper-parameters.
 */
export interface Train {
  /**
   * Training method, or a list of methods to grid over.
   */
  method: ("sft" | "lora" | "dpo" | "grpo") | ["sft" | "lora" | "dpo" | "grpo", ...("sft" | "lora" | "dpo" | "grpo")[]]
  /**
   * Passes over the training set.
   */
  epochs: number
  /**
   * Peak learning rate (cosine schedule).
   */
  lr: number
  /**
   * Global batch size in examples.
   */
  batch_size: number
  /**
   * Warm-up as a fraction of steps.
   */
  warmup: number
  /**
   * AdamW weight decay.
   */
  weight_decay: number
  /**
   * Maximum training sequence length in tokens (longer rows are cut).
   */
  max_len: number
  /**
   * Stop after this many optimizer steps, whatever the epochs say.
   */
  max_steps?: number
  /**
   * Optimizer steps between resumable checkpoints; not part of the node key.
   */
  checkpoint_every: number
  /**
   * LoRA rank (method lora).
   */
  lora_rank: number
  /**
   * LoRA alpha (method lora).
   */
  lora_alpha: number
  /**
   * Dropout on the LoRA path (method lora; peft's lora_dropout). Default: the trainer's (hf: 0.05).
   */
  lora_dropout?: number
  /**
   * Module names LoRA adapts (method lora; peft's target_modules, e.g. [q_proj, v_proj]). Default: every linear layer but the output head (peft's all-linear: the attention and MLP projections).
   *
   * @minItems 1
   * @maxItems 256
   */
  lora_targets?: [string, ...string[]]
  /**
   * Pack several examples into each sequence of max_len tokens (TRL's packing). Default: false.
   */
  packing?: boolean
  /**
   * Examples per device per forward pass; batch_size is reached by gradient accumulation (batch_size / (micro_batch_size x devices)); not part of the node key. Default: the trainer's (hf: 1).
   */
  micro_batch_size?: number
  /**
   * How many of the newest resumable checkpoints are kept; not part of the node key. Default: the trainer's (hf: 2).
   */
  keep_checkpoints?: number
  /**
   * Training seeds; each adds a replicate of every cell (default: the spec seed).
   *
   * @minItems 1
   * @maxItems 100
   */
  seeds?: [number, ...number[]]
  /**
   * lora: the mix whose SFT student is the frozen base (default: the first mix).
   */
  base?: string
  /**
   * How a training prompt is rendered from a problem; {problem} is replaced.
   */
  prompt: string
  /**
   * Hyper-parameters per mix, over the ones above (the paper's mix trained at global batch 80 and cutoff 4096 where long and short used 8 and 8192).
   */
  overrides?: {
    [k: string]: {
      /**
       * Global batch size in examples.
       */
      batch_size?: number
      /**
       * Maximum training sequence length in tokens.
       */
      max_len?: number
      /**
       * Passes over the training set.
       */
      epochs?: number
      /**
       * Peak learning rate.
       */
      lr?: number
      /**
       * Pack examples into sequences of max_len tokens (the paper's mix config packs; long and short do not).
       */
      packing?: boolean
      /**
       * Examples per device per forward pass; not part of the node key.
       */
      micro_batch_size?: number
    }
  }
  /**
   * Training stages after the first (train.method): each starts from a parent stage's student, e.g. dpo from sft, grpo from sft.
   *
   * @minItems 1
   * @maxItems 16
   */
  stages?: [Stage, ...Stage[]]
}
/**
 * One training stage: a method applied to the student of its parent stage.
 */
export interface Stage {
  /**
   * Stage name: labels its students in the report (lower-case letters, digits, '_' and '-').
   */
  name: string
  /**
   * dpo: preference pairs; grpo: online RL with the judge as the reward; sft: further supervised training.
   */
  method: "dpo" | "grpo" | "sft"
  /**
   * The parent stage: the first stage's method (e.g. sft) or an earlier stage's name.
   */
  from: string
  /**
   * Passes over the training set (dpo, sft; default 1).
   */
  epochs?: number
  /**
   * Peak learning rate (default: a tenth of train.lr).
   */
  lr?: number
  /**
   * Pairs (dpo), prompts (grpo) or examples (sft) per step (default: train.batch_size).
   */
  batch_size?: number
  /**
   * Stop after this many optimizer steps.
   */
  max_steps?: number
  /**
   * dpo: strength of the preference term (DPO's beta; IPO's tau). Default: 0.1.
   */
  beta?: number
  /**
   * dpo: sigmoid (the DPO paper) or ipo (Azar et al.). Default: sigmoid.
   */
  loss?: "sigmoid" | "ipo"
  /**
   * dpo: rejected = a judged-incorrect sample of the parent student (the Toaster recipe) or a judged-incorrect teacher trace. Default: student.
   */
  rejected?: "student" | "teacher"
  /**
   * dpo with rejected: student: samples the parent student generates per training problem. Default: 4.
   */
  samples?: number
  /**
   * Sampling temperature of the parent's samples (dpo) and of GRPO's completions. Default: 1.
   */
  temperature?: number
  /**
   * grpo: completions per prompt whose rewards are compared. Default: 4.
   */
  group_size?: number
  /**
   * grpo: weight of the KL penalty to the parent (reference) model. Default: 0.04.
   */
  kl_beta?: number
  /**
   * grpo: longest completion sampled during training. Default: 128.
   */
  max_completion_tokens?: number
  /**
   * grpo: format rewards added to the judge's (1 correct, 0 otherwise).
   *
   * @maxItems 16
   */
  rewards?: {
    /**
     * A completion matching this regular expression (dot matches newlines) earns the weight.
     */
    regex: string
    /**
     * Reward added when the regex matches.
     */
    weight: number
  }[]
}
/**
 * How students are evaluated.
 */
export interface Evaluate {
  /**
   * Maximum generated tokens per answer.
   */
  max_new_tokens: number
  /**
   * 0 = greedy decoding.
   */
  temperature: number
  /**
   * Problems decoded together.
   */
  batch_size: number
  /**
   * Stop strings.
   */
  stop?: string[]
  judge?: PluginRef
  /**
   * Also evaluate untrained base students when the family has pretrained weights.
   */
  base_students: boolean
  serve?: Serve
}
/**
 * A served student: url (an existing server) or command (a server the backend starts for the decode nodes of each student), not both.
 */
export interface Serve {
  /**
   * url form: the server's base URL up to /v1 (e.g. http://127.0.0.1:8000/v1); never part of a key.
   */
  url?: string
  /**
   * url form: the served model name per student, 'base/<size>' or '<mix>/<size>/<method or stage>/s<seed>'; students not named are decoded in-process.
   */
  models?: {
    [k: string]:
      | string
      | {
          /**
           * The model name the server answers to.
           */
          name: string
          /**
           * The revision the server loaded: part of the decode key, not checked with the server.
           */
          revision?: string
        }
  }
  /**
   * command form: the server's command line with {port} (required), {model} (a trained student's weights directory, or the base student's Hub id or path), {revision}, {adapter}, {base_model} (LoRA: the adapter and the model it applies to) and {adapter_name}; a backend job per student while its decode nodes run.
   */
  command?: string
  /**
   * command form: the model name to request, with the same placeholders (default: {adapter_name} when the command uses {adapter}, else {model}).
   */
  model?: string
  /**
   * command form: seconds to wait for GET /v1/models to answer (default 900).
   */
  ready_timeout_s?: number
  /**
   * command form: GPUs of the server job (default 1; site resources for 'serve' override it).
   */
  gpus?: number
  /**
   * command form: environment variables of the server job (e.g. HF_HOME).
   */
  env?: {
    [k: string]: string
  }
  /**
   * The variable holding the server's API key, sent as a bearer token (a started server gets it under the same name); never written anywhere.
   */
  api_key_env?: string
  /**
   * true (default): /v1/chat/completions (the server applies the chat template, as in-process decoding does); false: /v1/completions with the prompt as is.
   */
  chat?: boolean
  /**
   * Requests in flight at once per decode node (default 8).
   */
  concurrency?: number
}
/**
 * What the report compares.
 */
export interface Report {
  /**
   * Gap rows: accuracy of one mix minus another, per student size.
   */
  gaps?: {
    /**
     * Row label (default 'minuend - subtrahend').
     */
    name?: string
    /**
     * Mix whose accuracy is subtracted from.
     */
    minuend: string
    /**
     * Mix whose accuracy is subtracted.
     */
    subtrahend: string
  }[]
  /**
   * Bootstrap resamples for confidence intervals.
   */
  bootstrap: number
}
