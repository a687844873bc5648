package dev.noesis.jlama.lora;

import dev.noesis.core.error.ModelFormatException;
import dev.noesis.jlama.BFloat16;
import dev.noesis.jlama.SafetensorsFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** Reads one tensor of a safetensors file as floats (F32, BF16 and F16 widen exactly). */
public final class TensorData {

    private TensorData() {}

    /** Whether {@link #readFloats} reads this element type. */
    public static boolean readable(String dtype) {
        return dtype.equals("F32") || dtype.equals("BF16") || dtype.equals("F16");
    }

    /** The tensor's elements in row-major order. */
    public static float[] readFloats(SafetensorsFile file, SafetensorsFile.Tensor tensor) {
        long elements = tensor.elements();
        int size = elementBytes(file, tensor);
        if (elements > Integer.MAX_VALUE || tensor.end() - tensor.begin() != elements * size) {
            throw new ModelFormatException("Tensor of shape " + tensor.shape() + " in " + file.file()
                    + " has a byte range that does not match its shape and type " + tensor.dtype() + ".");
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(elements * size)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file.file(), StandardOpenOption.READ)) {
            long pos = file.dataOffset() + tensor.begin();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException("unexpected end of file");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file.file() + ": " + e.getMessage(), e);
        }
        buf.flip();
        float[] out = new float[(int) elements];
        switch (tensor.dtype()) {
            case "F32" -> buf.asFloatBuffer().get(out);
            case "BF16" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = BFloat16.widen(buf.getShort());
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(buf.getShort());
                }
            }
        }
        return out;
    }

    private static int elementBytes(SafetensorsFile file, SafetensorsFile.Tensor tensor) {
        return switch (tensor.dtype()) {
            case "F32" -> 4;
            case "BF16", "F16" -> 2;
            default ->
                throw new ModelFormatException("A tensor of " + file.file() + " has element type " + tensor.dtype()
                        + "; only F32, BF16 and F16 tensors can be read for a LoRA merge.");
        };
    }
}
