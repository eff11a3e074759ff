package shop;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The dependency the tests talk to, switched up and down by the tests; counts the requests that reached it. */
public class FakeShop {

    private volatile boolean down;
    private final AtomicInteger requests = new AtomicInteger();

    public void goDown() {
        down = true;
    }

    public int requests() {
        return requests.get();
    }

    /** One request: answers, or fails with {@code IOException(what + " down")} while the shop is down. */
    public String request(String what) throws IOException {
        requests.incrementAndGet();
        if (down) {
            throw new IOException(what + " down");
        }
        return what + " ok";
    }
}
