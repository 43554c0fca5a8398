package io.socketee.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accept-Encoding as browsers, curl and proxies write it. */
class ClientBundleServletTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "gzip, deflate, br, zstd | true",
        "GZIP                    | true",
        "br;q=1.0, gzip;q=0.8    | true",
        "*                       | true",
        "gzip;q=0                | false",
        "gzip; q=0.000, deflate  | false",
        "gzip;q=0.001            | true",
        "deflate, br             | false",
        "identity                | false",
        "''                      | false",
        "null                    | false",
    })
    void gzipWhenAcceptedWithoutQZero(String acceptEncoding, boolean gzip) {
        assertEquals(gzip, PackagedFileResponse.acceptsGzip(acceptEncoding));
    }
}
