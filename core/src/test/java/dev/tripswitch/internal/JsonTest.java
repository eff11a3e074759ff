package dev.tripswitch.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void writesNestedValuesAndEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "grid \"eu\"\n");
        m.put("n", 3);
        m.put("pct", 60.0);
        m.put("ok", true);
        m.put("at", Instant.parse("2026-01-01T00:00:00Z"));
        m.put("wait", Duration.ofSeconds(2));
        m.put("none", null);
        m.put("list", List.of(1, "a"));
        assertThat(Json.writeCompact(m)).isEqualTo("{\"name\":\"grid \\\"eu\\\"\\n\",\"n\":3,\"pct\":60.0,\"ok\":true,"
                + "\"at\":\"2026-01-01T00:00:00Z\",\"wait\":2000,\"none\":null,\"list\":[1,\"a\"]}");
    }
}
