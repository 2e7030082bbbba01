"""The `tiny` family: a pre-norm decoder-only transformer with RoPE, plain-matmul attention and a per-layer KV cache."""
import torch
import torch.nn as nn
import torch.nn.functional as F

MASK_VALUE = -1e9


def rope_tables(position_ids, inv_freq):
    """cos/sin tables [B, 1, T, D/2] for integer positions [B, T]."""
    freqs = position_ids.to(torch.float32).unsqueeze(-1) * inv_freq
    return torch.cos(freqs).unsqueeze(1), torch.sin(freqs).unsqueeze(1)


def apply_rope(x, cos, sin):
    """Rotates the two halves of the head dimension of x [B, H, T, D]."""
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat((x1 * cos - x2 * sin, x1 * sin + x2 * cos), dim=-1)


def additive_mask(attention_mask, q_len, past_len, device):
    """Additive mask, causal over absolute indices: [T, P+T], or [B, 1, T, P+T] with key padding when a mask is given."""
    k_len = past_len + q_len
    k_idx = torch.arange(k_len, device=device)
    q_idx = torch.arange(q_len, device=device) + past_len
    allowed = k_idx.unsqueeze(0) <= q_idx.unsqueeze(1)
    if attention_mask is not None:
        allowed = allowed.unsqueeze(0).unsqueeze(0) & (attention_mask.unsqueeze(1).unsqueeze(2) > 0)
    zero = torch.zeros((), dtype=torch.float32, device=device)
    return torch.where(allowed, zero, zero + MASK_VALUE)


class Block(nn.Module):
    """Pre-norm attention + MLP block."""

    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.out = nn.Linear(d_model, d_model, bias=False)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, d_ff, bias=False)
        self.fc2 = nn.Linear(d_ff, d_model, bias=False)

    def forward(self, x, cos, sin, mask, past_kv):
        """New hidden states and the new tokens' (rotated) keys and values [B, H, T, D].

        With `past_kv` the queries also attend to the cached keys/values [B, H, C, D], which are only read
        (cache slots whose mask is 0 are ignored), so a decoder can keep them in a preallocated buffer.
        """
        b, t, d = x.shape
        qkv = self.qkv(self.ln1(x)).view(b, t, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q = apply_rope(qkv[0], cos, sin)
        k = apply_rope(qkv[1], cos, sin)
        v = qkv[2]
        scale = self.head_dim ** -0.5
        if past_kv is None:
            bh = b * self.n_heads
            scores = torch.baddbmm(mask, q.reshape(bh, t, self.head_dim), k.reshape(bh, t, self.head_dim).transpose(1, 2),
                                   alpha=scale)
            attn = torch.bmm(torch.softmax(scores, dim=-1), v.reshape(bh, t, self.head_dim))
        else:
            past_k, past_v = past_kv
            c = past_k.shape[2]
            scores = torch.cat((torch.matmul(q, past_k.transpose(-1, -2)), torch.matmul(q, k.transpose(-1, -2))), dim=-1)
            probs = torch.softmax(scores * scale + mask, dim=-1)
            attn = torch.matmul(probs[..., :c], past_v) + torch.matmul(probs[..., c:], v)
        x = x + self.out(attn.reshape(b, self.n_heads, t, self.head_dim).transpose(1, 2).reshape(b, t, d))
        x = x + self.fc2(F.gelu(self.fc1(self.ln2(x))))
        return x, k, v


class TinyLM(nn.Module):
    """Decoder-only LM over the byte vocabulary with tied input/output embeddings."""

    def __init__(self, dims, vocab_size):
        super().__init__()
        self.dims = dict(dims)
        d = dims["d_model"]
        self.emb = nn.Embedding(vocab_size, d)
        self.blocks = nn.ModuleList(Block(d, dims["n_heads"], dims["d_ff"]) for _ in range(dims["n_layers"]))
        self.ln_f = nn.LayerNorm(d)
        head_dim = d // dims["n_heads"]
        inv_freq = 1.0 / (10000.0 ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.apply(self._init)
        for block in self.blocks:
            nn.init.normal_(block.out.weight, std=0.02 / (2 * dims["n_layers"]) ** 0.5)
            nn.init.normal_(block.fc2.weight, std=0.02 / (2 * dims["n_layers"]) ** 0.5)

    def logits(self, hidden):
        """Output logits of final hidden states (tied embedding)."""
        return F.linear(hidden, self.emb.weight)

    @staticmethod
    def _init(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)

    def forward(self, input_ids, position_ids=None, attention_mask=None, past=None, hidden_only=False):
        """Logits [B, T, V]; with `past` (one (key, value) pair [B, H, C, D] per layer, C cache slots described by the
        first C columns of attention_mask [B, C+T]) also the new tokens' (key, value) pairs [B, H, T, D] per layer.

        With hidden_only, the final normalised hidden states [B, T, d_model] instead (see `logits`).
        """
        t = input_ids.shape[1]
        past_len = past[0][0].shape[2] if past is not None else 0
        if position_ids is None:
            position_ids = torch.arange(t, device=input_ids.device).unsqueeze(0)
        cos, sin = rope_tables(position_ids, self.inv_freq)
        mask = additive_mask(attention_mask, t, past_len, input_ids.device)
        x = self.emb(input_ids)
        new_kv = []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, cos, sin, mask, past[i] if past is not None else None)
            if past is not None:
                new_kv.append((k, v))
        if hidden_only:
            return self.ln_f(x)
        logits = self.logits(self.ln_f(x))
        if past is None:
            return logits
        return logits, new_kv


def count_params(model, trainable_only=False):
    """Number of (trainable) parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)
