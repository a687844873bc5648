package dev.noesis.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A Llama decoder written with DJL's NDArray operations, its parameters held under their Hugging
 * Face names ({@code model.layers.0.self_attn.q_proj.weight}, row-major {@code [out, in]}), so
 * that export is a copy. Rotary embeddings follow Hugging Face's {@code rotate_half} convention
 * (the first and second half of each head form the pairs), the convention Jlama reads Llama
 * weights with.
 */
public final class LlamaNet implements AutoCloseable {

    static final float NORM_EPS = 1e-5f;

    private final LabShape shape;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final NDArray cos;
    private final NDArray sin;
    private final NDArray causalMask;
    /** LoRA factors by the weight they adapt: {A [r, in], B [out, r]}; empty without an adapter. */
    private final Map<String, NDArray[]> lora = new LinkedHashMap<>();

    private LoraSpec loraSpec;

    private LlamaNet(LabShape shape, NDManager manager, Map<String, float[]> values) {
        this.shape = shape;
        this.manager = manager;
        this.params = new LinkedHashMap<>();
        Map<String, long[]> shapes = shapes(shape);
        for (var e : shapes.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("no values for " + e.getKey());
            }
            NDArray a = manager.create(v, new Shape(e.getValue()));
            a.setRequiresGradient(true);
            params.put(e.getKey(), a);
        }
        int dh = shape.headDim();
        int ctx = shape.context();
        float[] c = new float[ctx * dh];
        float[] s = new float[ctx * dh];
        for (int pos = 0; pos < ctx; pos++) {
            for (int i = 0; i < dh / 2; i++) {
                double freq = Math.pow(shape.ropeTheta(), -2.0 * i / dh);
                double angle = pos * freq;
                c[pos * dh + i] = c[pos * dh + i + dh / 2] = (float) Math.cos(angle);
                s[pos * dh + i] = s[pos * dh + i + dh / 2] = (float) Math.sin(angle);
            }
        }
        cos = manager.create(c, new Shape(ctx, dh));
        sin = manager.create(s, new Shape(ctx, dh));
        float[] mask = new float[ctx * ctx];
        for (int i = 0; i < ctx; i++) {
            for (int j = i + 1; j < ctx; j++) {
                mask[i * ctx + j] = -1e9f;
            }
        }
        causalMask = manager.create(mask, new Shape(ctx, ctx));
    }

    /** A model with seeded initial weights: N(0, 0.02), output projections scaled down with depth, norms at one. */
    public static LlamaNet initialize(LabShape shape, long seed, NDManager manager) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        double residualStd = 0.02 / Math.sqrt(2.0 * shape.layers());
        for (var e : shapes(shape).entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[Math.toIntExact(n)];
            String name = e.getKey();
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(v, 1f);
            } else {
                double std = name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight") ? residualStd : 0.02;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            }
            values.put(name, v);
        }
        return new LlamaNet(shape, manager, values);
    }

    /** A model with the given weights, by Hugging Face name. */
    public static LlamaNet of(LabShape shape, Map<String, float[]> values, NDManager manager) {
        return new LlamaNet(shape, manager, values);
    }

    /** Every parameter's name and shape, in export order. */
    public static Map<String, long[]> shapes(LabShape s) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long d = s.hidden();
        long ff = s.intermediate();
        m.put("model.embed_tokens.weight", new long[] {s.vocab(), d});
        for (int i = 0; i < s.layers(); i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new long[] {d});
            m.put(p + "self_attn.q_proj.weight", new long[] {d, d});
            m.put(p + "self_attn.k_proj.weight", new long[] {d, d});
            m.put(p + "self_attn.v_proj.weight", new long[] {d, d});
            m.put(p + "self_attn.o_proj.weight", new long[] {d, d});
            m.put(p + "post_attention_layernorm.weight", new long[] {d});
            m.put(p + "mlp.gate_proj.weight", new long[] {ff, d});
            m.put(p + "mlp.up_proj.weight", new long[] {ff, d});
            m.put(p + "mlp.down_proj.weight", new long[] {d, ff});
        }
        m.put("model.norm.weight", new long[] {d});
        if (!s.tied()) {
            m.put("lm_head.weight", new long[] {s.vocab(), d});
        }
        return m;
    }

    public LabShape shape() {
        return shape;
    }

    /** The parameters, by Hugging Face name; the arrays are live (training updates them in place). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** A row-major copy of every parameter, by Hugging Face name. */
    public Map<String, float[]> values() {
        Map<String, float[]> m = new LinkedHashMap<>();
        params.forEach((k, v) -> m.put(k, v.toFloatArray()));
        return m;
    }

    /** Logits {@code [B, T, vocab]} for token ids {@code [B, T]} (int64). */
    public NDArray forward(NDArray tokens) {
        long b = tokens.getShape().get(0);
        long t = tokens.getShape().get(1);
        NDArray x = Embedding.embedding(tokens, params.get("model.embed_tokens.weight"), SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray cosT = cos.get(":{}", t);
        NDArray sinT = sin.get(":{}", t);
        NDArray mask = causalMask.get(":{}, :{}", t, t);
        for (int i = 0; i < shape.layers(); i++) {
            String p = "model.layers." + i + ".";
            NDArray h = rmsNorm(x, params.get(p + "input_layernorm.weight"));
            x = x.add(attention(h, p, b, t, cosT, sinT, mask));
            NDArray h2 = rmsNorm(x, params.get(p + "post_attention_layernorm.weight"));
            NDArray gate = adapted(h2, p + "mlp.gate_proj.weight");
            NDArray up = adapted(h2, p + "mlp.up_proj.weight");
            x = x.add(adapted(gate.mul(Activation.sigmoid(gate)).mul(up), p + "mlp.down_proj.weight"));
        }
        x = rmsNorm(x, params.get("model.norm.weight"));
        NDArray head = shape.tied() ? params.get("model.embed_tokens.weight") : params.get("lm_head.weight");
        return linear(x, head);
    }

    private NDArray attention(NDArray h, String p, long b, long t, NDArray cosT, NDArray sinT, NDArray mask) {
        int heads = shape.heads();
        int dh = shape.headDim();
        NDArray q = heads(adapted(h, p + "self_attn.q_proj.weight"), b, t);
        NDArray k = heads(adapted(h, p + "self_attn.k_proj.weight"), b, t);
        NDArray v = heads(adapted(h, p + "self_attn.v_proj.weight"), b, t);
        q = rope(q, cosT, sinT);
        k = rope(k, cosT, sinT);
        NDArray scores =
                q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(dh)).add(mask);
        NDArray out = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * dh);
        return adapted(out, p + "self_attn.o_proj.weight");
    }

    /** {@code [B, T, H*Dh]} to {@code [B, H, T, Dh]}. */
    private NDArray heads(NDArray x, long b, long t) {
        return x.reshape(b, t, shape.heads(), shape.headDim()).transpose(0, 2, 1, 3);
    }

    /** Hugging Face's rotate_half: (x1, x2) becomes (-x2, x1) for the two halves of each head. */
    private NDArray rope(NDArray x, NDArray cosT, NDArray sinT) {
        int half = shape.headDim() / 2;
        NDArray x1 = x.get("..., :{}", half);
        NDArray x2 = x.get("..., {}:", half);
        NDArray rotated = NDArrays.concat(new NDList(x2.neg(), x1), -1);
        return x.mul(cosT).add(rotated.mul(sinT));
    }

    private static NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(NORM_EPS).sqrt();
        return x.div(rms).mul(weight);
    }

    /** A linear layer by weight name, with its LoRA delta when one is attached. */
    private NDArray adapted(NDArray x, String weightName) {
        NDArray y = linear(x, params.get(weightName));
        NDArray[] ab = lora.get(weightName);
        if (ab == null) {
            return y;
        }
        return y.add(linear(linear(x, ab[0]), ab[1]).mul((float) loraSpec.scale()));
    }

    /**
     * Freezes the base and attaches a fresh LoRA adapter: A drawn from N(0, 1/in), B zero, so the
     * adapted model starts exactly as the base. Training then updates only the adapter.
     */
    public void attachLora(LoraSpec spec, long seed) {
        if (loraSpec != null) {
            throw new IllegalStateException("an adapter is attached already");
        }
        loraSpec = spec;
        SplittableRandom random = new SplittableRandom(seed);
        for (var e : params.entrySet()) {
            e.getValue().setRequiresGradient(false);
            if (!spec.targets(e.getKey())) {
                continue;
            }
            long out = e.getValue().getShape().get(0);
            long in = e.getValue().getShape().get(1);
            float[] a = new float[Math.toIntExact(spec.rank() * in)];
            double std = 1 / Math.sqrt(in);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (random.nextGaussian() * std);
            }
            NDArray aa = manager.create(a, new Shape(spec.rank(), in));
            NDArray bb = manager.zeros(new Shape(out, spec.rank()));
            aa.setRequiresGradient(true);
            bb.setRequiresGradient(true);
            lora.put(e.getKey(), new NDArray[] {aa, bb});
        }
    }

    /**
     * Freezes the base and attaches a trained adapter, its factors by PEFT name.
     *
     * @throws dev.noesis.core.error.ModelFormatException if a factor is missing or of the wrong shape
     */
    public void attachLora(LoraSpec spec, Map<String, float[]> factors) {
        attachLora(spec, 0L);
        for (var e : trainable().entrySet()) {
            float[] v = factors.get(e.getKey());
            if (v == null || v.length != e.getValue().getShape().size()) {
                throw new dev.noesis.core.error.ModelFormatException("The adapter has no " + e.getKey()
                        + " of shape " + e.getValue().getShape()
                        + (v == null ? "" : " (it has " + v.length + " values)")
                        + ".");
            }
            e.getValue().set(v);
        }
    }

    /** The attached adapter's spec, or null. */
    public LoraSpec loraSpec() {
        return loraSpec;
    }

    /**
     * What training updates, by name: the base's parameters, or with an adapter attached only
     * its factors, under their PEFT names ({@code base_model.model.<module>.lora_A.weight}).
     */
    public Map<String, NDArray> trainable() {
        if (loraSpec == null) {
            return params;
        }
        Map<String, NDArray> m = new LinkedHashMap<>();
        lora.forEach((weight, ab) -> {
            String module = weight.substring(0, weight.length() - ".weight".length());
            m.put("base_model.model." + module + ".lora_A.weight", ab[0]);
            m.put("base_model.model." + module + ".lora_B.weight", ab[1]);
        });
        return m;
    }

    private static NDArray linear(NDArray x, NDArray weight) {
        return x.matMul(weight.transpose());
    }

    /**
     * Mean cross-entropy of the next token where {@code lossMask} is 1.
     *
     * @param inputs   {@code [B, T]} int64 token ids
     * @param targets  {@code [B, T]} int64, the token after each input
     * @param lossMask {@code [B, T]} float32, 1 where the target counts
     */
    public NDArray loss(NDArray inputs, NDArray targets, NDArray lossMask) {
        NDArray logp = forward(inputs).logSoftmax(-1);
        NDArray picked = logp.mul(targets.oneHot(shape.vocab())).sum(new int[] {-1});
        return picked.mul(lossMask).sum().neg().div(lossMask.sum());
    }

    /**
     * Greedy decoding, recomputing the whole sequence at each step (the models are small): the
     * answer's token ids, without the stop token that ended it.
     */
    public int[] greedy(int[] prompt, int maxNewTokens, Set<Integer> stop) {
        List<Integer> seq = new java.util.ArrayList<>();
        for (int id : prompt) {
            seq.add(id);
        }
        List<Integer> out = new java.util.ArrayList<>();
        while (out.size() < maxNewTokens && seq.size() < shape.context()) {
            int next;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                long[] ids = seq.stream().mapToLong(Integer::longValue).toArray();
                NDArray tokens = manager.create(ids, new Shape(1, ids.length));
                NDArray logits = forward(tokens).get("0, -1");
                next = (int) logits.argMax().getLong();
            }
            if (stop.contains(next)) {
                break;
            }
            out.add(next);
            seq.add(next);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    NDManager manager() {
        return manager;
    }

    static NDArray longs(NDManager m, long[] values, long rows, long cols) {
        return m.create(values, new Shape(rows, cols)).toType(DataType.INT64, false);
    }

    @Override
    public void close() {
        params.values().forEach(NDArray::close);
        lora.values().forEach(ab -> {
            ab[0].close();
            ab[1].close();
        });
        cos.close();
        sin.close();
        causalMask.close();
    }
}
