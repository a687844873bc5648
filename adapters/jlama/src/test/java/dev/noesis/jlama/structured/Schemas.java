package dev.noesis.jlama.structured;

import dev.noesis.core.structured.JsonSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** The schemas the structured-output tests run on: flat, nested, bounded arrays, enums, anyOf, patterns, scalars. */
final class Schemas {

    private Schemas() {}

    static Map<String, JsonSchema> all() {
        Map<String, JsonSchema> m = new LinkedHashMap<>();
        m.put("flat", JsonSchema.parse("""
            {"type":"object","properties":{
              "name":{"type":"string","maxLength":8},"count":{"type":"integer"},"score":{"type":"number"},
              "ok":{"type":"boolean"},"nothing":{"type":"null"}},
             "required":["name","count","ok"],"additionalProperties":false}"""));
        m.put("nested", JsonSchema.parse("""
            {"type":"object","properties":{
              "person":{"type":"object","properties":{"name":{"type":"string","maxLength":6},"age":{"type":"integer"}},
                        "required":["name","age"],"additionalProperties":false},
              "place":{"type":"object","properties":{"city":{"type":"string","enum":["Oslo","Lima","Pune"]},
                        "zip":{"type":"string","pattern":"^[0-9]{4}$"}},"required":["city","zip"],"additionalProperties":false}},
             "required":["person","place"],"additionalProperties":false}"""));
        m.put("arrays", JsonSchema.parse("""
            {"type":"object","properties":{
              "numbers":{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3},
              "words":{"type":"array","items":{"type":"string","minLength":1,"maxLength":4},"maxItems":2},
              "grid":{"type":"array","items":{"type":"array","items":{"type":"boolean"},"maxItems":2},"minItems":2,"maxItems":2}},
             "required":["numbers","words","grid"],"additionalProperties":false}"""));
        m.put("enums", JsonSchema.parse("""
            {"type":"object","properties":{
              "color":{"enum":["red","green","blue"]},"size":{"enum":[1,2,3,12]},"mixed":{"enum":[true,null,"x",{"a":[1]}]},
              "greeting":{"type":"string","enum":["Grüße für dich – 5€ ✓ 日本語","quote \\" and \\\\ backslash","tab\\tnew\\nline"]}},
             "required":["color","size","mixed","greeting"],"additionalProperties":false}"""));
        m.put("anyOf", JsonSchema.parse("""
            {"type":"object","properties":{"shape":{"anyOf":[
               {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number"}},"required":["kind","r"],"additionalProperties":false},
               {"type":"object","properties":{"kind":{"const":"rect"},"w":{"type":"integer"},"h":{"type":"integer"}},"required":["kind","w","h"],"additionalProperties":false},
               {"type":"null"}]}},
             "required":["shape"],"additionalProperties":false}"""));
        m.put("list-of-objects", JsonSchema.parse("""
            {"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"label":{"type":"string","maxLength":4}},
              "required":["id","label"],"additionalProperties":false},"maxItems":3}"""));
        m.put("patterns", JsonSchema.parse("""
            {"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{2}-\\\\d{3}$"},
              "word":{"type":"string","pattern":"^(yes|no|maybe)!?$"}},"required":["code","word"],"additionalProperties":false}"""));
        m.put("scalar", JsonSchema.parse("{\"type\":\"integer\"}"));
        return m;
    }
}
