package dev.noesis.jlama;

import com.github.tjake.jlama.model.DistributedContext;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.TensorInfo;
import com.github.tjake.jlama.safetensors.WeightLoader;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.BFloat16BufferTensor;
import com.github.tjake.jlama.tensor.FloatBufferTensor;
import com.github.tjake.jlama.tensor.TensorShape;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The weights of a variant: the base model's own weight loader for every tensor the override
 * leaves alone, and a new tensor for each one it replaces (for a LoRA adapter, {@code W + s·B·A}).
 *
 * <p>Why this shares memory: Jlama's safetensors loader memory-maps each weights file once, and
 * every {@code load(name)} returns a new tensor object that is a view over that same mapping (for
 * F32, BF16 and Q4 tensors; {@code quantize} to the tensor's own type returns it unchanged). A
 * variant built on the base's loader therefore reads the base's pages for every untouched tensor:
 * no bytes are copied, and the operating system holds them once however many variants there are.
 * Jlama never writes into weight tensors (they are only read by matrix products), so sharing them
 * between models is safe. Only the merged tensors are new memory, allocated off-heap the way Jlama
 * allocates its own.
 */
// Jlama's tensors are generic over Vector API types; naming those would put the incubator module
// on the compiler's path, so the raw type is used as Jlama itself does.
@SuppressWarnings("rawtypes")
final class OverridingWeightLoader implements WeightLoader {

    private final WeightLoader base;
    private final WeightOverride override;
    private final Map<String, SafetensorsFile.Tensor> replaced = new HashMap<>();
    private final AtomicLong mergedBytes = new AtomicLong();
    private final AtomicInteger mergedTensors = new AtomicInteger();

    OverridingWeightLoader(WeightLoader base, ModelFolder folder, WeightOverride override) {
        this.base = base;
        this.override = override;
        Map<String, SafetensorsFile.Tensor> all = new HashMap<>();
        folder.weights().forEach(f -> all.putAll(f.tensors()));
        for (String name : override.tensors()) {
            SafetensorsFile.Tensor t = all.get(name);
            if (t == null) {
                throw new IllegalArgumentException(
                        "the override replaces " + name + ", which " + folder.dir() + " does not have");
            }
            if (t.shape().size() != 2 || !(t.dtype().equals("F32") || t.dtype().equals("BF16"))) {
                throw new IllegalArgumentException("the override replaces " + name + " (" + t.dtype() + " " + t.shape()
                        + "); only F32 and BF16 matrices can be replaced");
            }
            replaced.put(name, t);
        }
    }

    @Override
    public Map<String, String> metadata() {
        return base.metadata();
    }

    @Override
    public Map<String, TensorInfo> tensorInfoMap() {
        return base.tensorInfoMap();
    }

    @Override
    public AbstractTensor load(String name, DistributedContext dctx, boolean sparseRows, boolean sparseColumns) {
        SafetensorsFile.Tensor target = replaced.get(name);
        if (target == null) {
            return base.load(name, dctx, sparseRows, sparseColumns);
        }
        if (dctx != null && dctx.hasModelShard()) {
            throw new UnsupportedOperationException("variants of a model split across machines");
        }
        float[] merged = override.values(name);
        if (merged.length != target.elements()) {
            throw new IllegalStateException(
                    "the override gives " + merged.length + " values for " + name + ", of shape " + target.shape());
        }
        TensorShape shape = TensorShape.of(
                Math.toIntExact(target.shape().get(0)),
                Math.toIntExact(target.shape().get(1)));
        AbstractTensor t;
        if (target.dtype().equals("F32")) {
            t = new FloatBufferTensor(shape);
            t.getMemorySegment()
                    .asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .put(merged);
        } else {
            t = new BFloat16BufferTensor(shape);
            ShortBuffer out = t.getMemorySegment()
                    .asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer();
            for (float v : merged) {
                out.put(BFloat16.round(v));
            }
        }
        mergedBytes.addAndGet(target.end() - target.begin());
        mergedTensors.incrementAndGet();
        return t;
    }

    @Override
    public DType getModelDType() {
        return base.getModelDType();
    }

    /** Bytes of merged tensors made so far. */
    long mergedBytes() {
        return mergedBytes.get();
    }

    int mergedTensors() {
        return mergedTensors.get();
    }

    /** The base's loader belongs to the base model; closing a variant leaves it open. */
    @Override
    public void close() {}
}
