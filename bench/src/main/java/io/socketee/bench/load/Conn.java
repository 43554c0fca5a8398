package io.socketee.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A non-blocking TCP client connection on the {@link Loop}: connect (optionally from a given local address), queued
 * writes, and reads handed to {@link #onData} as byte ranges; bytes it leaves unconsumed are kept for the next read.
 */
abstract class Conn {
    final Loop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private ArrayDeque<ByteBuffer> writeQueue;
    private byte[] pending;
    private int pendingLength;
    private boolean closed;

    Conn(Loop loop) {
        this.loop = loop;
    }

    /** Starts connecting; {@link #onConnected} or {@link #onClosed} follows. */
    final void connect(InetSocketAddress remote, InetSocketAddress local) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (local != null) {
                channel.bind(local);
            }
            boolean connected = channel.connect(remote);
            key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    final void handleConnect() throws IOException {
        if (channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_READ);
            onConnected();
        }
    }

    final void handleWritable() throws IOException {
        ByteBuffer head;
        while ((head = writeQueue.peek()) != null) {
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            writeQueue.poll();
        }
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    final void handleReadable() throws IOException {
        ByteBuffer buffer = loop.readBuffer;
        while (!closed) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                close("end of stream");
                return;
            }
            if (n == 0) {
                return;
            }
            byte[] array = buffer.array();
            if (pendingLength == 0) {
                int used = onData(array, 0, n);
                if (used < n && !closed) {
                    keep(array, used, n - used);
                }
            } else {
                keep(array, 0, n);
                int length = pendingLength;
                byte[] data = pending;
                pendingLength = 0;
                int used = onData(data, 0, length);
                if (used < length && !closed) {
                    // Shift the rest to the front (keep() appends to pending, which is data itself).
                    System.arraycopy(data, used, data, 0, length - used);
                    pendingLength = length - used;
                } else if (data.length > 64 * 1024) {
                    pending = null; // do not keep a big buffer around for every connection
                }
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    private void keep(byte[] src, int offset, int length) {
        int need = pendingLength + length;
        if (pending == null || pending.length < need) {
            byte[] bigger = new byte[Math.max(need, pending == null ? 256 : pending.length * 2)];
            if (pendingLength > 0) {
                System.arraycopy(pending, 0, bigger, 0, pendingLength);
            }
            pending = bigger;
        }
        System.arraycopy(src, offset, pending, pendingLength, length);
        pendingLength = need;
    }

    /** Queues bytes for sending; writes at once what the socket takes. */
    final void write(ByteBuffer data) {
        if (closed) {
            return;
        }
        try {
            if (writeQueue == null || writeQueue.isEmpty()) {
                channel.write(data);
                if (!data.hasRemaining()) {
                    return;
                }
                if (writeQueue == null) {
                    writeQueue = new ArrayDeque<>(4);
                }
                writeQueue.add(data);
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                writeQueue.add(data);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    final void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    final boolean isClosed() {
        return closed;
    }

    final void fail(Exception e) {
        close(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** Closes the connection (idempotent); {@link #onClosed} follows once. */
    final void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        writeQueue = null;
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        onClosed(reason);
    }

    /** The TCP connection is up. */
    abstract void onConnected();

    /** Bytes arrived; returns how many were consumed (the rest come again with the next read). */
    abstract int onData(byte[] data, int offset, int length);

    /** The connection closed, for the reason given. */
    abstract void onClosed(String reason);
}
