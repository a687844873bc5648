package dev.noesis.jlama.tiny;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Writes a {@code model.safetensors} file of seeded random weights, or of given values (tests'
 * LoRA adapters and merged reference models; the lab's trained models). Each random tensor is
 * filled in chunks, each chunk from its own generator derived from (seed, tensor, chunk), so the
 * chunks can be generated in parallel and the file is still byte-for-byte the same for the same seed.
 */
public final class SafetensorsWriter {

    private static final int CHUNK_ELEMENTS = 1 << 20;

    /**
     * A tensor to write: every element drawn uniformly from [-scale, scale], all equal to
     * {@code fill}, or the given {@code values} (row-major).
     */
    public record TensorSpec(String name, long[] shape, double scale, Float fill, float[] values) {

        /** A tensor of the given values, row-major in {@code shape}. */
        public static TensorSpec of(String name, float[] values, long... shape) {
            TensorSpec t = new TensorSpec(name, shape, 0, null, values);
            if (t.elements() != values.length) {
                throw new IllegalArgumentException(
                        name + ": " + values.length + " values for shape " + java.util.Arrays.toString(shape));
            }
            return t;
        }

        static TensorSpec random(String name, double std, long... shape) {
            // A uniform distribution on [-a, a] has standard deviation a / sqrt(3).
            return new TensorSpec(name, shape, std * Math.sqrt(3), null, null);
        }

        static TensorSpec constant(String name, float value, long... shape) {
            return new TensorSpec(name, shape, 0, value, null);
        }

        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final List<TensorSpec> tensors = new ArrayList<>();
    private final ModelShape.WeightType type;
    private final long seed;
    private final Map<String, String> metadata;

    /** A writer of tensors stored as {@code type}; {@code seed} draws the random ones. */
    public SafetensorsWriter(ModelShape.WeightType type, long seed, Map<String, String> metadata) {
        this.type = type;
        this.seed = seed;
        this.metadata = metadata;
    }

    public void add(TensorSpec spec) {
        tensors.add(spec);
    }

    public long dataBytes() {
        return tensors.stream().mapToLong(t -> t.elements() * type.bytes).sum();
    }

    /** Writes the file; {@code progress} receives each chunk's byte count, possibly from several threads. */
    public void write(Path file, LongConsumer progress) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata);
        long offset = 0;
        long[] starts = new long[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            TensorSpec t = tensors.get(i);
            long bytes = t.elements() * type.bytes;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", type.name());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(t.name(), entry);
            starts[i] = offset;
            offset += bytes;
        }
        byte[] json = new ObjectMapper().writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header to 8 bytes with spaces
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        long dataStart = 8L + padded;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, head.flip(), 0);
            for (int i = 0; i < tensors.size(); i++) {
                TensorSpec t = tensors.get(i);
                int tensorIndex = i;
                long base = dataStart + starts[i];
                int chunks = (int) ((t.elements() + CHUNK_ELEMENTS - 1) / CHUNK_ELEMENTS);
                IntStream.range(0, chunks).parallel().forEach(c -> {
                    long first = (long) c * CHUNK_ELEMENTS;
                    int n = (int) Math.min(CHUNK_ELEMENTS, t.elements() - first);
                    ByteBuffer buf = fill(t, tensorIndex, c, first, n);
                    try {
                        writeFully(ch, buf, base + first * type.bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.accept((long) n * type.bytes);
                });
            }
            ch.force(true);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ByteBuffer fill(TensorSpec t, int tensorIndex, int chunk, long first, int n) {
        ByteBuffer buf = ByteBuffer.allocate(n * type.bytes).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(mix(seed, tensorIndex, chunk));
        for (int k = 0; k < n; k++) {
            float v;
            if (t.values() != null) {
                v = t.values()[(int) (first + k)];
            } else {
                v = t.fill() != null ? t.fill() : (float) ((random.nextDouble() * 2 - 1) * t.scale());
            }
            if (type == ModelShape.WeightType.F32) {
                buf.putFloat(v);
            } else {
                buf.putShort(toBFloat16(v));
            }
        }
        return buf.flip();
    }

    /** Rounds to the nearest bfloat16 (ties to even), as PyTorch does. */
    static short toBFloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** SplitMix64's finalizer over the three numbers: a well-spread generator seed per chunk. */
    private static long mix(long seed, int tensor, int chunk) {
        long z = seed * 0x9E3779B97F4A7C15L + tensor * 0xBF58476D1CE4E5B9L + chunk * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }
}
