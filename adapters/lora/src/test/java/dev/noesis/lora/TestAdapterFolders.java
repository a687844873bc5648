package dev.noesis.lora;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Minimal PEFT folders for the registry's tests: a configuration and a one-pair safetensors file. */
public final class TestAdapterFolders {

    private TestAdapterFolders() {}

    public static Path write(Path dir, String baseModel, float value) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(PeftConfig.FILE_NAME),
                "{\"peft_type\": \"LORA\", \"r\": 1, \"lora_alpha\": 2, \"target_modules\": [\"q_proj\"],"
                        + " \"base_model_name_or_path\": " + (baseModel == null ? "null" : "\"" + baseModel + "\"")
                        + "}");
        String header = "{\"base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight\":"
                + "{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight\":"
                + "{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[4,8]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(value).putFloat(value);
        Files.write(dir.resolve(PeftFolder.WEIGHTS_FILE), b.array());
        return dir;
    }
}
