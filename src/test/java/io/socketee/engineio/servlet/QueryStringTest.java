package io.socketee.engineio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query-string parser every polling request goes through. */
class QueryStringTest {
    @Test
    void parsesAnEngineIoQuery() {
        assertEquals(Map.of("EIO", "4", "transport", "polling", "t", "PZ1a2b3", "sid", "abc-_123"),
                ServletRequestView.parseQuery("EIO=4&transport=polling&t=PZ1a2b3&sid=abc-_123"));
    }

    @Test
    void sharesTheConstantNamesAndValues() {
        Map<String, String> query = ServletRequestView.parseQuery("EIO=4&transport=websocket");
        String name = query.keySet().stream().filter("transport"::equals).findFirst().orElseThrow();
        assertSame("transport", name);
        assertSame("websocket", query.get("transport"));
        assertSame("4", query.get("EIO"));
    }

    @Test
    void decodesEscapesAndPlus() {
        assertEquals(Map.of("name", "a b&c", "city", "Zürich", "x y", "1"),
                ServletRequestView.parseQuery("name=a+b%26c&city=Z%C3%BCrich&x%20y=1"));
    }

    @Test
    void firstValueWinsAndEmptyPartsAreSkipped() {
        assertEquals(Map.of("a", "1", "b", "", "c", "x=y"),
                ServletRequestView.parseQuery("&a=1&&a=2&b&c=x=y&"));
    }

    @Test
    void skipsAParameterWithAMalformedEscape() {
        assertEquals(Map.of("EIO", "4", "ok", "yes"), ServletRequestView.parseQuery("bad=%zz&EIO=4&%4=1&ok=yes"));
    }

    @Test
    void emptyAndMissingQueries() {
        assertEquals(Map.of(), ServletRequestView.parseQuery(null));
        assertEquals(Map.of(), ServletRequestView.parseQuery(""));
        assertEquals(Map.of("", "v"), ServletRequestView.parseQuery("=v"));
    }
}
