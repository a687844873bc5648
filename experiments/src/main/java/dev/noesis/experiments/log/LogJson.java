package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON settings of a run folder's files. Unknown fields are ignored on reading, so that a later
 * version may add fields to a record without making older logs unreadable; the field names are
 * fixed by the records' annotations, not by this mapper.
 */
final class LogJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private LogJson() {}
}
