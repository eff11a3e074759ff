package shop.pages;

import dev.tripswitch.CircuitProtected;
import shop.FakeShop;

import java.io.IOException;

/** Page objects in the test sources (woven by the test-compile goal or at load time): every public method protected. */
@CircuitProtected("pages") // its settings: tripswitch.properties, shared with the tests under "pages"
public class ShopPages {

    private final FakeShop shop;

    public ShopPages(FakeShop shop) {
        this.shop = shop;
    }

    public String search(String query) throws IOException {
        return shop.request("search " + query);
    }

    @Override
    public String toString() {
        return "ShopPages"; // not protected: toString, equals and hashCode are left out
    }
}
