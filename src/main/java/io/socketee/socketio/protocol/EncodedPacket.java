package io.socketee.socketio.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A packet in wire form: the text to send as one Engine.IO message, then each attachment as one binary Engine.IO
 * message, in order. Built once by {@link PacketEncoder} and sent as is to any number of clients of the same protocol
 * version (a broadcast encodes once).
 *
 * <p>Immutable and safe to share between threads, under the rule of {@link Binary}: the attachment arrays are shared,
 * not copied, and nobody may modify them.
 *
 * @param text the text form, e.g. {@code 2["hello",1]} or {@code 51-["hello",{"_placeholder":true,"num":0}]}
 * @param attachments the binary attachments, placeholder {@code num} order; empty for a packet without binary
 */
public record EncodedPacket(String text, List<byte[]> attachments) {
    public EncodedPacket {
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    /** Whether attachments follow the text. */
    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }

    /** Equal when the texts are equal and the attachments have equal contents. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EncodedPacket other) || !text.equals(other.text)
                || attachments.size() != other.attachments.size()) {
            return false;
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (!Arrays.equals(attachments.get(i), other.attachments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = text.hashCode();
        for (byte[] attachment : attachments) {
            hash = 31 * hash + Arrays.hashCode(attachment);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("EncodedPacket[").append(text);
        for (byte[] attachment : attachments) {
            s.append(" + <").append(attachment.length).append(" bytes>");
        }
        return s.append(']').toString();
    }
}
