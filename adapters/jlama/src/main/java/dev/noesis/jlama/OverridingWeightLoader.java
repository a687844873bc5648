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
 * between models is safe. Only the replaced tensors are new memory, allocated off-heap the way
 * Jlama allocates its own.
 *
 * <p>On a Q4 base (a quantized copy of the folder the override was made for), a new tensor is
 * built at the source's precision and quantized with Jlama's own Q4 quantizer, the one that wrote
 * the copy: the variant holds exactly what a Q4 copy of the merged model would hold.
 */
// Jlama's tensors are generic over Vector API types; naming those would put the incubator module
// on the compiler's path, so the raw type is used as Jlama itself does.
@SuppressWarnings("rawtypes")
final class OverridingWeightLoader implements WeightLoader {

    private final WeightLoader base;
    private final WeightOverride override;
    /** Replaced tensor name to its entry in the loaded folder (same shape as the source; F32, BF16 or Q4). */
    private final Map<String, SafetensorsFile.Tensor> replaced = new HashMap<>();

    private final Map<String, Long> storedBytes = new HashMap<>();
    private final AtomicLong mergedBytes = new AtomicLong();
    private final AtomicInteger mergedTensors = new AtomicInteger();

    OverridingWeightLoader(WeightLoader base, ModelFolder folder, WeightOverride override) {
        this.base = base;
        this.override = override;
        Map<String, SafetensorsFile.Tensor> all = new HashMap<>();
        folder.weights().forEach(f -> all.putAll(f.tensors()));
        boolean sameFolder = override.baseDir().equals(folder.dir());
        for (String name : override.tensors()) {
            SafetensorsFile.Tensor t = all.get(name);
            SafetensorsFile.Tensor source = override.source(name);
            if (t == null) {
                throw new IllegalArgumentException(
                        "the override replaces " + name + ", which " + folder.dir() + " does not have");
            }
            if (!t.shape().equals(source.shape())) {
                throw new IllegalArgumentException("the override replaces " + name + " of shape " + source.shape()
                        + " in " + override.baseDir() + ", but it has shape " + t.shape() + " in " + folder.dir());
            }
            boolean stored = t.dtype().equals(source.dtype()) && sameFolder;
            boolean quantizedCopy = t.dtype().equals("Q4") && !sameFolder;
            if (t.shape().size() != 2 || !(stored || quantizedCopy)) {
                throw new IllegalArgumentException("the override replaces " + name + " (" + source.dtype() + " in "
                        + override.baseDir() + "), which is " + t.dtype() + " in " + folder.dir()
                        + "; an override applies to its own folder or to a Q4 copy of it");
            }
            SafetensorsFile.Tensor blocks = all.get(name + ".qb");
            storedBytes.put(
                    name,
                    (t.end() - t.begin()) + (quantizedCopy && blocks != null ? blocks.end() - blocks.begin() : 0));
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
        float[] values = override.values(name);
        if (values.length != target.elements()) {
            throw new IllegalStateException(
                    "the override gives " + values.length + " values for " + name + ", of shape " + target.shape());
        }
        TensorShape shape = TensorShape.of(
                Math.toIntExact(target.shape().get(0)),
                Math.toIntExact(target.shape().get(1)));
        AbstractTensor t = atSourcePrecision(override.source(name).dtype(), shape, values);
        if (target.dtype().equals("Q4")) {
            AbstractTensor q = t.quantize(DType.Q4);
            if (q != t) {
                t.close();
            }
            t = q;
        }
        mergedBytes.addAndGet(storedBytes.get(name));
        mergedTensors.incrementAndGet();
        return t;
    }

    private static AbstractTensor atSourcePrecision(String dtype, TensorShape shape, float[] values) {
        if (dtype.equals("F32")) {
            AbstractTensor t = new FloatBufferTensor(shape);
            t.getMemorySegment()
                    .asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .put(values);
            return t;
        }
        AbstractTensor t = new BFloat16BufferTensor(shape);
        ShortBuffer out = t.getMemorySegment()
                .asByteBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer();
        for (float v : values) {
            out.put(BFloat16.round(v));
        }
        return t;
    }

    @Override
    public DType getModelDType() {
        return base.getModelDType();
    }

    /** Bytes of replaced tensors made so far, as stored in the model (Q4 blocks and their scales for a Q4 base). */
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
