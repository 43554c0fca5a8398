package io.socketee.engineio.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Chooses the polling framing for a request: v4 or v3 payloads, XHR2 binary or string framing, JSONP or not.
 */
public final class PollingCodec {
    private PollingCodec() {
    }

    /**
     * Encodes the packets of one GET response.
     *
     * @param supportsBinary whether an EIO=3 client accepts XHR2 binary framing (it did not ask for {@code b64})
     * @param jsonpIndex     the JSONP callback index, or {@code null} for XHR
     */
    public static PollingBody encode(List<Packet> packets, ProtocolVersion version, boolean supportsBinary,
                                     String jsonpIndex) {
        if (version == ProtocolVersion.V3 && jsonpIndex == null && supportsBinary && PayloadV3.hasBinary(packets)) {
            return new PollingBody(PayloadV3.encodeBinary(packets), PollingBody.BINARY);
        }
        String text = version == ProtocolVersion.V3 ? PayloadV3.encodeString(packets) : PayloadV4.encode(packets);
        if (jsonpIndex != null) {
            return new PollingBody(Jsonp.wrap(jsonpIndex, text).getBytes(StandardCharsets.UTF_8), PollingBody.JAVASCRIPT);
        }
        return new PollingBody(text.getBytes(StandardCharsets.UTF_8), PollingBody.TEXT);
    }

    /**
     * Decodes the body of one POST.
     *
     * @param binaryBody whether the body came as {@code application/octet-stream}
     * @param jsonp      whether the body is a JSONP form post
     */
    public static List<Packet> decode(byte[] body, ProtocolVersion version, boolean binaryBody, boolean jsonp)
            throws DecodeException {
        if (jsonp) {
            String payload = Jsonp.unwrapForm(body);
            return version == ProtocolVersion.V3 ? PayloadV3.decodeString(payload) : PayloadV4.decode(payload);
        }
        if (binaryBody) {
            if (version == ProtocolVersion.V4) {
                throw new DecodeException("binary POST body under EIO=4");
            }
            return PayloadV3.decodeBinary(body);
        }
        String payload = PayloadV3.utf8(body, 0, body.length);
        return version == ProtocolVersion.V3 ? PayloadV3.decodeString(payload) : PayloadV4.decode(payload);
    }
}
