package shop;

import dev.tripswitch.CircuitProtected;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/** An API client: each method under its own circuit (main code, woven by the compile goal or at load time). */
public class ShopApi {

    private final FakeShop shop;

    public ShopApi(FakeShop shop) {
        this.shop = shop;
    }

    @CircuitProtected(value = "api", failureThreshold = 3, halfOpenAfter = "1h", recoveryTimeout = "1h",
            ignoreOn = IllegalArgumentException.class)
    public String item(String id) throws IOException {
        if (id.isBlank()) {
            throw new IllegalArgumentException("blank id");
        }
        return shop.request("item " + id);
    }

    @CircuitProtected(value = "feed", failureThreshold = 1, halfOpenAfter = "1h", recoveryTimeout = "1h")
    public CompletableFuture<String> feed() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return shop.request("feed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @CircuitProtected(value = "orders", failureThreshold = 5, halfOpenAfter = "1h", recoveryTimeout = "1h")
    public String order(String id) throws IOException {
        return shop.request("order " + id);
    }

    @CircuitProtected(value = "stock", failureThreshold = 1, halfOpenAfter = "1h", recoveryTimeout = "1h")
    public String stock(String id) throws IOException {
        return shop.request("stock " + id);
    }
}
