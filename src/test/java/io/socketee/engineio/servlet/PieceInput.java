package io.socketee.engineio.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body arriving piece by piece, as a servlet container's input stream in non-blocking mode: ready while a
 * piece is unread, or once the body has ended (then reads give -1); the container tells the read listener of each
 * piece and of the end.
 */
final class PieceInput extends ServletInputStream {
    private ReadListener listener;
    private byte[] piece = new byte[0];
    private int at;
    private boolean ended;

    /** A piece arrives: the container tells the reader. */
    void arrive(byte[] bytes) throws IOException {
        piece = bytes;
        at = 0;
        listener.onDataAvailable();
    }

    /** The body is complete: the container calls the reader once more if it left data, then onAllDataRead. */
    void end() throws IOException {
        ended = true;
        if (at < piece.length) {
            listener.onDataAvailable();
        }
        listener.onAllDataRead();
    }

    @Override
    public boolean isFinished() {
        return ended && at == piece.length;
    }

    @Override
    public boolean isReady() {
        return at < piece.length || ended;
    }

    @Override
    public void setReadListener(ReadListener readListener) {
        this.listener = readListener;
    }

    @Override
    public int read() {
        return at < piece.length ? piece[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (at == piece.length) {
            return ended ? -1 : 0;
        }
        int n = Math.min(len, piece.length - at);
        System.arraycopy(piece, at, b, off, n);
        at += n;
        return n;
    }
}
