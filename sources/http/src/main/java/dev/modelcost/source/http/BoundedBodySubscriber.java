package dev.modelcost.source.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives a body into a buffer sized before the first byte (from the range asked for, never from what the server
 * claims), one chunk of demand at a time. Bytes before {@code skipBytes} are dropped (a server that streams the
 * whole file); in exact mode a byte past the buffer is an error (an endless or lying body), otherwise the
 * subscription is cancelled once the buffer is full. An empty, non-exact buffer cancels at once (a redirect's body).
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<Void> {

    /** The server's body was not what it should have been; the message is the problem. */
    static final class BodyException extends IOException {
        BodyException(String problem) {
            super(problem);
        }
    }

    private final ByteBuffer target;
    private final boolean exact;
    private final AtomicLong receivedBytes;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private long toSkipBytes;
    private volatile Flow.Subscription subscription;

    BoundedBodySubscriber(long skipBytes, ByteBuffer target, boolean exact, AtomicLong receivedBytes) {
        this.toSkipBytes = skipBytes;
        this.target = target;
        this.exact = exact;
        this.receivedBytes = receivedBytes;
    }

    static BoundedBodySubscriber discarding(AtomicLong receivedBytes) {
        return new BoundedBodySubscriber(0, ByteBuffer.allocate(0), false, receivedBytes);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (!exact && !target.hasRemaining() && toSkipBytes == 0) {
            finish(null);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            receivedBytes.addAndGet(item.remaining());
            int skip = (int) Math.min(toSkipBytes, item.remaining());
            item.position(item.position() + skip);
            toSkipBytes -= skip;
            int take = Math.min(item.remaining(), target.remaining());
            if (take > 0) {
                ByteBuffer slice = item.slice();
                slice.limit(take);
                target.put(slice);
                item.position(item.position() + take);
            }
            if (item.hasRemaining() && !target.hasRemaining()) {
                finish(
                        exact
                                ? new BodyException(
                                        "sent more than the " + target.capacity() + " bytes of the range it announced")
                                : null);
                return;
            }
        }
        if (!exact && !target.hasRemaining() && toSkipBytes == 0) {
            finish(null);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        if (target.hasRemaining() || toSkipBytes > 0) {
            result.completeExceptionally(new BodyException(
                    "the body ended after " + target.position() + " of " + target.capacity() + " bytes"));
        } else {
            result.complete(null);
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return result;
    }

    /** Stops receiving: the deadline passed, or the caller gave up. */
    void abort() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.completeExceptionally(new BodyException("aborted"));
    }

    private void finish(IOException failure) {
        subscription.cancel();
        if (failure == null) {
            result.complete(null);
        } else {
            result.completeExceptionally(failure);
        }
    }
}
